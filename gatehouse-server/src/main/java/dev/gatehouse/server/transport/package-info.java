/**
 * Building blocks shared by the downstream transports (Streamable HTTP and stdio): the session
 * base, waiting for the client's answers to server requests, and calling a handler safely. Not an
 * API for other modules; it may change with the transports.
 */
package dev.gatehouse.server.transport;
