package dev.gatehouse.routing;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Notification;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live client sessions of one endpoint, with what each asked to hear: resource subscriptions
 * and a log level. Broadcasts go only to sessions still open.
 */
final class ClientSessions {
  private static final String SUBSCRIPTIONS = "gatehouse.subscriptions";
  private static final String LOG_LEVEL = "gatehouse.logLevel";
  private static final List<String> LEVELS =
      List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

  private final Set<DownstreamSession> sessions = ConcurrentHashMap.newKeySet();

  void add(DownstreamSession session) {
    sessions.add(session);
  }

  void remove(DownstreamSession session) {
    sessions.remove(session);
  }

  int size() {
    return sessions.size();
  }

  void broadcast(String method) {
    for (DownstreamSession session : sessions) {
      if (session.isOpen()) {
        session.notify(Notification.of(method, null));
      } else {
        sessions.remove(session);
      }
    }
  }

  /** Records a subscription; true when no session was subscribed to that URI before. */
  boolean subscribe(DownstreamSession session, String uri) {
    boolean first = sessions.stream().noneMatch(s -> subscriptions(s).contains(uri));
    subscriptions(session).add(uri);
    return first;
  }

  /** Drops a subscription; true when no session is subscribed to that URI any more. */
  boolean unsubscribe(DownstreamSession session, String uri) {
    subscriptions(session).remove(uri);
    return sessions.stream().noneMatch(s -> subscriptions(s).contains(uri));
  }

  void resourceUpdated(String exposedUri, ObjectNode params) {
    ObjectNode copy = params.deepCopy();
    copy.put("uri", exposedUri);
    for (DownstreamSession session : sessions) {
      if (session.isOpen() && subscriptions(session).contains(exposedUri)) {
        session.notify(Notification.of(McpMethods.RESOURCES_UPDATED, copy));
      }
    }
  }

  void setLevel(DownstreamSession session, String level) {
    session.attributes().put(LOG_LEVEL, level);
  }

  /** Sends an upstream log line to every session whose level lets it through. */
  void log(ObjectNode params) {
    int rank = LEVELS.indexOf(params.path("level").asString("info"));
    for (DownstreamSession session : sessions) {
      Object level = session.attributes().get(LOG_LEVEL);
      int wanted = level == null ? 0 : LEVELS.indexOf(level);
      if (session.isOpen() && rank >= wanted) {
        session.notify(Notification.of(McpMethods.MESSAGE, params.deepCopy()));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> subscriptions(DownstreamSession session) {
    return (Set<String>)
        session.attributes().computeIfAbsent(SUBSCRIPTIONS, k -> ConcurrentHashMap.newKeySet());
  }
}
