/**
 * Inbound credentials over HTTP: the 401 answer with {@code WWW-Authenticate} in front of the MCP
 * endpoints, and the OAuth 2.0 protected resource metadata document (RFC 9728) it points to.
 */
package dev.gatehouse.server.auth;
