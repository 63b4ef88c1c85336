package dev.gatehouse.server.admin;

import dev.gatehouse.protocol.Json;
import dev.gatehouse.registry.Directory.ServerEntry;
import dev.gatehouse.store.ServerPatch;
import dev.gatehouse.store.ServerSpec;
import dev.gatehouse.store.StoreException;
import dev.gatehouse.upstream.TransportKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server record as the admin API writes and reads it, in snake_case. Header and env values go out
 * exactly as stored, {@code ${env:VAR}} references unresolved: the API never shows a secret.
 */
final class ServerJson {
  static final Set<String> WRITABLE =
      Set.of(
          "name",
          "transport",
          "url",
          "command",
          "args",
          "env",
          "cwd",
          "headers",
          "prefix",
          "timeout_ms",
          "enabled",
          "allow",
          "deny",
          "description");

  /**
   * Fields the API writes itself; a client echoing a read back may send them, and they are ignored.
   */
  static final Set<String> READ_ONLY = Set.of("id", "source", "created_at", "updated_at", "status");

  private ServerJson() {}

  static ObjectNode toJson(ServerEntry entry) {
    ServerSpec spec = entry.spec();
    ObjectNode json = Json.object();
    json.put("id", entry.id());
    json.put("name", spec.name());
    json.put("source", entry.source().name().toLowerCase(Locale.ROOT));
    json.put("transport", spec.transport().name().toLowerCase(Locale.ROOT));
    JsonFields.optional(json, "url", spec.url().map(URI::toString));
    JsonFields.optional(json, "command", spec.command());
    JsonFields.array(json, "args", spec.args());
    JsonFields.object(json, "env", spec.env());
    JsonFields.optional(json, "cwd", spec.cwd());
    JsonFields.object(json, "headers", spec.headers());
    JsonFields.optional(json, "prefix", spec.prefix());
    if (spec.timeout().isPresent()) {
      json.put("timeout_ms", spec.timeout().get().toMillis());
    } else {
      json.putNull("timeout_ms");
    }
    json.put("enabled", spec.enabled());
    JsonFields.array(json, "allow", spec.allow());
    JsonFields.array(json, "deny", spec.deny());
    JsonFields.optional(json, "description", spec.description());
    JsonFields.optional(json, "created_at", entry.createdAt().map(Instant::toString));
    JsonFields.optional(json, "updated_at", entry.updatedAt().map(Instant::toString));
    return json;
  }

  /**
   * A new server from a POST body.
   *
   * @throws ApiException 422 naming the field at fault
   */
  static ServerSpec spec(ObjectNode body) {
    JsonFields.onlyKnown(body, WRITABLE, READ_ONLY);
    String name =
        JsonFields.text(body, "name")
            .orElseThrow(() -> ApiException.invalid("name", "\"name\" is required"));
    ServerSpec.Builder builder = ServerSpec.builder(name);
    JsonFields.text(body, "transport").map(ServerJson::transport).ifPresent(builder::transport);
    builder
        .url(JsonFields.text(body, "url").map(text -> url(name, text)))
        .command(JsonFields.text(body, "command"))
        .args(JsonFields.strings(body, "args"))
        .env(JsonFields.stringMap(body, "env"))
        .cwd(JsonFields.text(body, "cwd"))
        .headers(JsonFields.stringMap(body, "headers"))
        .prefix(JsonFields.text(body, "prefix"))
        .timeout(JsonFields.millis(body, "timeout_ms"))
        .enabled(JsonFields.bool(body, "enabled").orElse(true))
        .allow(JsonFields.strings(body, "allow"))
        .deny(JsonFields.strings(body, "deny"))
        .description(JsonFields.text(body, "description"));
    return builder.build();
  }

  /**
   * A PATCH body: only the fields present change; {@code null} clears an optional field.
   *
   * @throws ApiException 422 naming the field at fault
   */
  static ServerPatch patch(String currentName, ObjectNode body) {
    JsonFields.onlyKnown(body, WRITABLE, READ_ONLY);
    ServerPatch.Builder patch = ServerPatch.builder();
    if (body.has("name")) {
      patch.name(
          JsonFields.text(body, "name")
              .orElseThrow(() -> ApiException.invalid("name", "\"name\" cannot be cleared")));
    }
    if (body.has("transport")) {
      patch.transport(
          JsonFields.text(body, "transport")
              .map(ServerJson::transport)
              .orElseThrow(
                  () -> ApiException.invalid("transport", "\"transport\" cannot be cleared")));
    }
    if (body.has("url")) {
      patch.url(JsonFields.text(body, "url").map(text -> url(currentName, text)));
    }
    if (body.has("command")) {
      patch.command(JsonFields.text(body, "command"));
    }
    if (body.has("args")) {
      patch.args(JsonFields.strings(body, "args"));
    }
    if (body.has("env")) {
      patch.env(JsonFields.stringMap(body, "env"));
    }
    if (body.has("cwd")) {
      patch.cwd(JsonFields.text(body, "cwd"));
    }
    if (body.has("headers")) {
      patch.headers(JsonFields.stringMap(body, "headers"));
    }
    if (body.has("prefix")) {
      patch.prefix(JsonFields.text(body, "prefix"));
    }
    if (body.has("timeout_ms")) {
      Optional<Duration> timeout = JsonFields.millis(body, "timeout_ms");
      patch.timeout(timeout);
    }
    if (body.has("enabled")) {
      patch.enabled(
          JsonFields.bool(body, "enabled")
              .orElseThrow(() -> ApiException.invalid("enabled", "\"enabled\" cannot be cleared")));
    }
    if (body.has("allow")) {
      patch.allow(JsonFields.strings(body, "allow"));
    }
    if (body.has("deny")) {
      patch.deny(JsonFields.strings(body, "deny"));
    }
    if (body.has("description")) {
      patch.description(JsonFields.text(body, "description"));
    }
    return patch.build();
  }

  private static TransportKind transport(String text) {
    try {
      return TransportKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("transport", e.getMessage());
    }
  }

  private static URI url(String name, String text) {
    try {
      return ServerSpec.parseUrl(name, text);
    } catch (StoreException e) {
      throw ApiException.from(e);
    }
  }
}
