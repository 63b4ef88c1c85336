package dev.gatehouse.plugin;

import dev.gatehouse.Gateway;

/**
 * A named bundle of extensions: hooks, around-call filters, an admin route, meta-tools, and
 * start/stop. Register one with {@link Gateway.Builder#plugin(Plugin)}, or make it discoverable
 * through {@link java.util.ServiceLoader} by listing the class in {@code
 * META-INF/services/dev.gatehouse.plugin.Plugin} (it then needs a public no-argument constructor).
 *
 * <p>Order: the gateway's own hooks come first (in the daemon, the {@code policy} of the config),
 * then each plugin's, plugin by plugin in the order they were registered, discovered plugins last
 * and sorted by name. Within a plugin, its hooks keep the order {@link #contribute} registers them.
 */
public interface Plugin {

  /** Unique among the gateway's plugins; {@code [a-z0-9-]+}. Its admin route is under it. */
  String name();

  /** Registers the plugin's hooks, filters, admin route and meta-tools; called once, at build. */
  void contribute(PluginContext context);

  /**
   * Called when the gateway starts, after the upstreams began connecting. A plugin that throws
   * stops the start.
   */
  default void start(Gateway gateway) {}

  /** Called when the gateway closes, in reverse order; failures are logged. */
  default void stop() {}
}
