/**
 * Test fixtures for MCP: {@link dev.gatehouse.testkit.TestServer}, a scriptable MCP server written
 * on the gateway's own {@link dev.gatehouse.endpoint.McpHandler} seam; {@link
 * dev.gatehouse.testkit.ConformanceServer}, which implements the server scenarios of the official
 * MCP conformance suite; {@link dev.gatehouse.testkit.DemoServer} for {@code gatehouse serve
 * --demo}; and the ways to run them over Streamable HTTP or as a stdio child process.
 *
 * <p>Results stay Jackson trees, so tests can put unknown fields, {@code _meta}, icons and
 * annotations in them and check that they pass through a gateway unchanged.
 */
package dev.gatehouse.testkit;
