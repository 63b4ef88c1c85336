package dev.gatehouse.plugin;

import dev.gatehouse.hook.Hooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a {@link Plugin} may contribute; handed to {@link Plugin#contribute} once. */
public final class PluginContext {
  private final String plugin;
  private final Hooks.Builder hooks = Hooks.builder();
  private final List<MetaTool> metaTools = new ArrayList<>();
  private AdminRoute adminRoute;

  PluginContext(String plugin) {
    this.plugin = plugin;
  }

  /** The plugin's name. */
  public String plugin() {
    return plugin;
  }

  /** Where to register the plugin's hooks and filters, in the order they should run. */
  public Hooks.Builder hooks() {
    return hooks;
  }

  /**
   * Serves {@code route} for every request under {@code /admin/plugins/{name}/} (and the bare
   * {@code /admin/plugins/{name}}); one route per plugin.
   */
  public PluginContext adminRoute(AdminRoute route) {
    if (adminRoute != null) {
      throw new IllegalStateException("plugin " + plugin + " already has an admin route");
    }
    adminRoute = Objects.requireNonNull(route, "route");
    return this;
  }

  /**
   * Offers a tool of the gateway's own, listed beside the upstreams' tools on every endpoint under
   * its own name (not namespaced). Calls to it pass the same hooks as any other tool.
   */
  public PluginContext metaTool(MetaTool tool) {
    metaTools.add(Objects.requireNonNull(tool, "tool"));
    return this;
  }

  Hooks builtHooks() {
    return hooks.build();
  }

  List<MetaTool> metaTools() {
    return List.copyOf(metaTools);
  }

  Optional<AdminRoute> route() {
    return Optional.ofNullable(adminRoute);
  }
}
