package dev.gatehouse.examples.callcounter;

import dev.gatehouse.Gateway;
import dev.gatehouse.plugin.AdminReply;
import dev.gatehouse.plugin.AdminRequest;
import dev.gatehouse.plugin.Plugin;
import dev.gatehouse.plugin.PluginContext;
import dev.gatehouse.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An example plugin: counts calls per tool and shows the counts on an admin route.
 *
 * <ul>
 *   <li>an around-call filter counts every call that gets past governance to its upstream;
 *   <li>a call error observer counts every call that ends in an error, denials included;
 *   <li>{@code GET /admin/plugins/call-counter} shows the counts, {@code POST
 *       /admin/plugins/call-counter/reset} clears them;
 *   <li>start and stop log a line.
 * </ul>
 *
 * It is found through {@code META-INF/services/dev.gatehouse.plugin.Plugin}; the daemon uses it
 * when the config names it: {@code "plugins": ["call-counter"]}.
 */
public final class CallCounterPlugin implements Plugin {
  private static final Logger log = LoggerFactory.getLogger(CallCounterPlugin.class);

  private final ToolCounts counts = new ToolCounts();

  @Override
  public String name() {
    return "call-counter";
  }

  @Override
  public void contribute(PluginContext context) {
    context
        .hooks()
        .filter((call, next) -> {
          counts.called(call.tool());
          return next.proceed(call);
        })
        .callError((call, error) -> counts.failed(call.tool()));
    context.adminRoute(this::route);
  }

  private AdminReply route(AdminRequest request) {
    return switch (request.method() + " " + request.path()) {
      case "GET ", "GET /" -> AdminReply.json(counts.toJson());
      case "POST /reset" -> {
        counts.reset();
        yield AdminReply.json(counts.toJson());
      }
      default -> AdminReply.notFound("GET shows the counts, POST /reset clears them");
    };
  }

  @Override
  public void start(Gateway gateway) {
    log.info("Counting calls; see /admin/plugins/{}", name());
  }

  @Override
  public void stop() {
    log.info("Call counts at stop: {}", Json.text(counts.toJson().path("tools")));
  }

  /** For tests and embedders: the same JSON the admin route shows. */
  public String countsJson() {
    return Json.text(counts.toJson());
  }
}
