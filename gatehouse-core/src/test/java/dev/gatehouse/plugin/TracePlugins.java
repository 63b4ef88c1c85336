package dev.gatehouse.plugin;

import dev.gatehouse.hook.Decision;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plugins found through the test class path's {@code META-INF/services}: they leave a trace. */
final class TracePlugins {
  static final List<String> TRACE = new CopyOnWriteArrayList<>();

  private TracePlugins() {}

  abstract static class Tracing implements Plugin {
    @Override
    public void contribute(PluginContext context) {
      context
          .hooks()
          .preCall(call -> {
            TRACE.add(name());
            return Decision.proceed();
          });
    }
  }

  /** Listed first in the services file, runs second: discovered plugins are sorted by name. */
  public static final class Zebra extends Tracing {
    @Override
    public String name() {
      return "zebra";
    }
  }

  public static final class Aardvark extends Tracing {
    @Override
    public String name() {
      return "aardvark";
    }
  }
}
