/**
 * The admin routes under {@code /admin/}: the admin REST API over the gateway's {@link
 * dev.gatehouse.registry.Directory} (servers, groups, reload, status; {@link
 * dev.gatehouse.server.admin.AdminApi} installs it, with dynamic registration at {@code
 * /registry/servers}), the approval page and its JSON API, the tools REST API, and the plugins'
 * routes. Each is a servlet mounted below {@code /admin/}, so one filter in front of {@code
 * /admin/*} (the admin token) covers them all. Every route checks {@code Host} and {@code Origin}
 * like the MCP endpoint does.
 */
package dev.gatehouse.server.admin;
