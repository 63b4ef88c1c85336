package dev.gatehouse.plugin;

import dev.gatehouse.Gateway;
import dev.gatehouse.hook.Hooks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of one gateway, in order, with what they contributed. Built once; {@link
 * #start(Gateway)} and {@link #stop()} follow the gateway's life.
 */
public final class Plugins {
  private static final Logger log = LoggerFactory.getLogger(Plugins.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  private final List<Plugin> plugins;
  private final Hooks hooks;
  private final List<MetaTool> metaTools;
  private final Map<String, AdminRoute> routes;
  private final List<Plugin> started = new ArrayList<>();

  private Plugins(
      List<Plugin> plugins, Hooks hooks, List<MetaTool> metaTools, Map<String, AdminRoute> routes) {
    this.plugins = plugins;
    this.hooks = hooks;
    this.metaTools = metaTools;
    this.routes = routes;
  }

  /**
   * Lets each plugin contribute, in the given order.
   *
   * @throws IllegalArgumentException when two plugins share a name, a name is not {@code
   *     [a-z0-9-]+}, or two meta-tools share a name
   */
  public static Plugins of(List<Plugin> plugins) {
    Map<String, Plugin> byName = new LinkedHashMap<>();
    Hooks.Builder hooks = Hooks.builder();
    List<MetaTool> metaTools = new ArrayList<>();
    Map<String, AdminRoute> routes = new LinkedHashMap<>();
    for (Plugin plugin : plugins) {
      String name = plugin.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "plugin name \""
                + name
                + "\" of "
                + plugin.getClass().getName()
                + " is not [a-z0-9-]+");
      }
      if (byName.putIfAbsent(name, plugin) != null) {
        throw new IllegalArgumentException("two plugins are named \"" + name + "\"");
      }
      PluginContext context = new PluginContext(name);
      plugin.contribute(context);
      hooks.addAll(context.builtHooks());
      for (MetaTool tool : context.metaTools()) {
        if (metaTools.stream().anyMatch(t -> t.name().equals(tool.name()))) {
          throw new IllegalArgumentException("two meta-tools are named \"" + tool.name() + "\"");
        }
        metaTools.add(owned(name, tool));
      }
      context.route().ifPresent(route -> routes.put(name, route));
    }
    return new Plugins(
        List.copyOf(byName.values()), hooks.build(), List.copyOf(metaTools), Map.copyOf(routes));
  }

  /**
   * The plugins {@link ServiceLoader} finds through {@code loader}, by name (sorted).
   *
   * @throws IllegalArgumentException when two share a name
   */
  public static Map<String, Plugin> discover(ClassLoader loader) {
    Map<String, Plugin> found = new LinkedHashMap<>();
    List<Plugin> sorted =
        ServiceLoader.load(Plugin.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(Plugin::name))
            .toList();
    for (Plugin plugin : sorted) {
      if (found.putIfAbsent(plugin.name(), plugin) != null) {
        throw new IllegalArgumentException(
            "two discovered plugins are named \"" + plugin.name() + "\"");
      }
    }
    return found;
  }

  private static MetaTool owned(String plugin, MetaTool tool) {
    return new MetaTool() {
      @Override
      public tools.jackson.databind.node.ObjectNode definition() {
        return tool.definition();
      }

      @Override
      public dev.gatehouse.hook.ToolResult call(dev.gatehouse.hook.ToolCall call) {
        return tool.call(call);
      }

      @Override
      public String owner() {
        return plugin;
      }
    };
  }

  public List<String> names() {
    return plugins.stream().map(Plugin::name).toList();
  }

  /** Every plugin's hooks, plugin by plugin. */
  public Hooks hooks() {
    return hooks;
  }

  public List<MetaTool> metaTools() {
    return metaTools;
  }

  /** The admin route of the plugin with this name, if it has one. */
  public Optional<AdminRoute> adminRoute(String plugin) {
    return Optional.ofNullable(routes.get(plugin));
  }

  /** Starts each plugin in order; when one fails, those started are stopped and it is rethrown. */
  public void start(Gateway gateway) {
    for (Plugin plugin : plugins) {
      try {
        plugin.start(gateway);
      } catch (RuntimeException e) {
        stop();
        throw new IllegalStateException(
            "plugin " + plugin.name() + " failed to start: " + e.getMessage(), e);
      }
      synchronized (started) {
        started.add(plugin);
      }
      log.info("Plugin {} started", plugin.name());
    }
  }

  /** Stops the started plugins in reverse order; failures are logged. */
  public void stop() {
    List<Plugin> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started.reversed());
      started.clear();
    }
    for (Plugin plugin : toStop) {
      try {
        plugin.stop();
      } catch (RuntimeException e) {
        log.warn("Plugin {} failed to stop: {}", plugin.name(), e.toString());
      }
    }
  }
}
