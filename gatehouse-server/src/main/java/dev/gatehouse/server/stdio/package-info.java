/**
 * The MCP stdio transport, server side: newline-delimited JSON-RPC over a pair of streams, for
 * {@code gatehouse stdio} and for test servers run as child processes.
 */
package dev.gatehouse.server.stdio;
