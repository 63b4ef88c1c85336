package dev.gatehouse.plugin;

/**
 * A plugin's HTTP endpoint under {@code /admin/plugins/{name}/}, independent of any servlet API so
 * the engine stays free of one; the server module adapts it. Runs on a virtual thread and may
 * block. An exception becomes a 500 without details.
 */
@FunctionalInterface
public interface AdminRoute {
  AdminReply handle(AdminRequest request);
}
