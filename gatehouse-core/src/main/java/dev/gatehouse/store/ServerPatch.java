package dev.gatehouse.store;

import dev.gatehouse.upstream.TransportKind;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A partial update of a server (PATCH semantics): only the fields set here change. An optional
 * field is cleared by setting {@link Optional#empty()}, a list or map by setting an empty one. The
 * result must still be a valid {@link ServerSpec}: turning an HTTP server into a stdio one means
 * setting the transport and the command and clearing the url in the same patch.
 */
public final class ServerPatch {
  private final Map<String, Consumer<ServerSpec.Builder>> changes;

  private ServerPatch(Map<String, Consumer<ServerSpec.Builder>> changes) {
    this.changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The spec with this patch's changes applied; throws INVALID when the result breaks a rule. */
  public ServerSpec applyTo(ServerSpec spec) {
    ServerSpec.Builder builder = spec.toBuilder();
    changes.values().forEach(change -> change.accept(builder));
    return builder.build();
  }

  /** The names of the fields this patch sets, in the order they were set. */
  public Set<String> fields() {
    return changes.keySet();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Collects the fields to change; setting a field twice keeps the last value. */
  public static final class Builder {
    private final Map<String, Consumer<ServerSpec.Builder>> changes = new LinkedHashMap<>();

    private Builder() {}

    private Builder set(String field, Consumer<ServerSpec.Builder> change) {
      changes.remove(field);
      changes.put(field, change);
      return this;
    }

    public Builder name(String value) {
      return set("name", b -> b.name(value));
    }

    public Builder transport(TransportKind value) {
      return set("transport", b -> b.transport(value));
    }

    public Builder url(Optional<URI> value) {
      return set("url", b -> b.url(value));
    }

    public Builder command(Optional<String> value) {
      return set("command", b -> b.command(value));
    }

    public Builder args(List<String> value) {
      List<String> copy = List.copyOf(value);
      return set("args", b -> b.args(copy));
    }

    public Builder env(Map<String, String> value) {
      Map<String, String> copy = new LinkedHashMap<>(value);
      return set("env", b -> b.env(copy));
    }

    public Builder cwd(Optional<String> value) {
      return set("cwd", b -> b.cwd(value));
    }

    public Builder headers(Map<String, String> value) {
      Map<String, String> copy = new LinkedHashMap<>(value);
      return set("headers", b -> b.headers(copy));
    }

    public Builder prefix(Optional<String> value) {
      return set("prefix", b -> b.prefix(value));
    }

    public Builder timeout(Optional<Duration> value) {
      return set("timeout", b -> b.timeout(value));
    }

    public Builder enabled(boolean value) {
      return set("enabled", b -> b.enabled(value));
    }

    public Builder allow(List<String> value) {
      List<String> copy = List.copyOf(value);
      return set("allow", b -> b.allow(copy));
    }

    public Builder deny(List<String> value) {
      List<String> copy = List.copyOf(value);
      return set("deny", b -> b.deny(copy));
    }

    public Builder description(Optional<String> value) {
      return set("description", b -> b.description(value));
    }

    public ServerPatch build() {
      return new ServerPatch(changes);
    }
  }
}
