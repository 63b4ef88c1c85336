package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.upstream.CallOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps one {@code subscriptions/listen} request open to a stateless upstream, the way the gateway
 * hears of list changes and resource updates there (the session era's GET stream and {@code
 * resources/subscribe} are gone). Its notifications arrive like any other and reach the
 * connection's listeners. When the filter changes the request is replaced; when the stream ends it
 * is opened again after a pause, and the listeners are told that every list may have changed
 * meanwhile.
 */
final class ListenLoop {
  private static final Logger log = LoggerFactory.getLogger(ListenLoop.class);
  private static final Duration FOREVER = Duration.ofDays(3650);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final String name;
  private final LiveSession session;
  private final Supplier<Optional<ObjectNode>> params;
  private final Consumer<Notification> announce;
  private final Object lock = new Object();
  private Thread thread;
  private boolean replace;
  private boolean stopped;

  ListenLoop(
      String name,
      LiveSession session,
      Supplier<Optional<ObjectNode>> params,
      Consumer<Notification> announce) {
    this.name = name;
    this.session = session;
    this.params = params;
    this.announce = announce;
  }

  /** Starts listening when there is anything to listen to. */
  void start() {
    synchronized (lock) {
      if (stopped || thread != null || params.get().isEmpty()) {
        return;
      }
      thread = Thread.ofVirtual().name("gatehouse-listen-" + name).start(this::run);
    }
  }

  /** The filter changed: replace the open request (or open the first one). */
  void refresh() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      if (thread == null) {
        thread = Thread.ofVirtual().name("gatehouse-listen-" + name).start(this::run);
        return;
      }
      replace = true;
      thread.interrupt();
    }
  }

  void stop() {
    Thread running;
    synchronized (lock) {
      stopped = true;
      running = thread;
    }
    if (running != null) {
      running.interrupt();
    }
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    boolean missedChanges = false;
    while (!isStopped() && !session.isLost()) {
      Optional<ObjectNode> request = params.get();
      if (request.isEmpty()) {
        synchronized (lock) {
          thread = null;
        }
        return;
      }
      if (missedChanges) {
        // Changes made while no stream was open were never announced.
        announceAll();
        missedChanges = false;
      }
      Response end;
      try {
        end = session.call(McpMethods.SUBSCRIPTIONS_LISTEN, request.get(), CallOptions.of(FOREVER));
      } catch (GatewayException e) {
        end = null;
        log.debug("{}: the listen stream ended: {}", name, e.getMessage());
      }
      Thread.interrupted();
      if (takeReplace()) {
        continue;
      }
      if (end != null
          && end.error().map(e -> e.path("code").asInt(0)).orElse(0)
              == JsonRpcCodes.METHOD_NOT_FOUND) {
        log.info("{} offers no subscriptions/listen; its changes are not followed", name);
        return;
      }
      if (isStopped() || session.isLost()) {
        return;
      }
      missedChanges = true;
      if (!sleep(pause)) {
        continue;
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
  }

  private void announceAll() {
    for (String method :
        new String[] {
          McpMethods.TOOLS_LIST_CHANGED,
          McpMethods.PROMPTS_LIST_CHANGED,
          McpMethods.RESOURCES_LIST_CHANGED
        }) {
      announce.accept(Notification.of(method, null));
    }
  }

  private boolean takeReplace() {
    synchronized (lock) {
      boolean was = replace;
      replace = false;
      return was;
    }
  }

  private boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  /** Pauses; false when woken early (a new filter or a stop). */
  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      takeReplace();
      return false;
    }
  }
}
