/**
 * Agents: per-agent access rules in agent-mcp-gateway's format, who the caller of a request is
 * (from its credentials, or where allowed from an {@code agent_id} argument, or a default agent),
 * and the {@link dev.gatehouse.policy.View} each agent gets on every endpoint.
 */
package dev.gatehouse.agent;
