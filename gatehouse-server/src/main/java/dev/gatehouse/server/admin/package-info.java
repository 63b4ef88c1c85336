/**
 * The admin REST API ({@code /admin}) and dynamic registration ({@code /registry/servers}) over the
 * gateway's {@link dev.gatehouse.registry.Directory}; {@link dev.gatehouse.server.admin.AdminApi}
 * installs them into the HTTP server.
 */
package dev.gatehouse.server.admin;
