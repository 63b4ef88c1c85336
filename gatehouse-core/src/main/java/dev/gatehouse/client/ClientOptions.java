package dev.gatehouse.client;

import dev.gatehouse.protocol.Notification;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How an in-process {@link GatewayClient} presents itself.
 *
 * @param group the group endpoint to use; empty for the main endpoint
 * @param headers request headers the gateway's authenticators read (as if sent over HTTP)
 * @param notifications receives what the gateway sends the session (list changes, progress, log
 *     lines)
 */
public record ClientOptions(
    Optional<String> group,
    Function<String, Optional<String>> headers,
    Consumer<Notification> notifications) {

  public ClientOptions {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(notifications, "notifications");
  }

  /** The main endpoint, no headers, notifications dropped. */
  public static ClientOptions defaults() {
    return new ClientOptions(Optional.empty(), name -> Optional.empty(), n -> {});
  }

  public ClientOptions withGroup(String name) {
    return new ClientOptions(Optional.of(name), headers, notifications);
  }

  /** Headers by name, matched case-insensitively. */
  public ClientOptions withHeaders(Map<String, String> values) {
    Map<String, String> lower = new java.util.HashMap<>();
    values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    Map<String, String> frozen = Map.copyOf(lower);
    return withHeaders(name -> Optional.ofNullable(frozen.get(name.toLowerCase(Locale.ROOT))));
  }

  /** Headers from a lookup (such as an HTTP request's). */
  public ClientOptions withHeaders(Function<String, Optional<String>> lookup) {
    return new ClientOptions(group, lookup, notifications);
  }

  public ClientOptions withNotifications(Consumer<Notification> listener) {
    return new ClientOptions(group, headers, listener);
  }
}
