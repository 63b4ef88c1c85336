/**
 * The MCP Streamable HTTP transport, server side, as a Jakarta servlet: {@link
 * dev.gatehouse.server.http.StreamableHttpServlet} drives any {@link
 * dev.gatehouse.endpoint.McpHandler}.
 */
package dev.gatehouse.server.http;
