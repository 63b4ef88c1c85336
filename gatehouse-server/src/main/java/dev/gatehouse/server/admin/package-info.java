/**
 * The admin routes under {@code /admin/}: the approval page and its JSON API, the tools REST API,
 * and the plugins' routes. Each is a servlet mounted below {@code /admin/}, so one filter in front
 * of {@code /admin/*} (an admin token, say) covers them all. Every route checks {@code Host} and
 * {@code Origin} like the MCP endpoint does.
 */
package dev.gatehouse.server.admin;
