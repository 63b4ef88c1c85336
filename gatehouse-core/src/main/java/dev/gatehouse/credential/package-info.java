/**
 * Inbound credentials: API keys (stored as hashes) and JWT access tokens, each an {@link
 * dev.gatehouse.hook.Authenticator} that turns {@code Authorization: Bearer} into the caller's
 * identity; and the check that answers a request without a valid credential before any MCP
 * handling, where credentials are required.
 */
package dev.gatehouse.credential;
