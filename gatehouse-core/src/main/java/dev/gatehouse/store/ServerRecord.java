package dev.gatehouse.store;

import dev.gatehouse.upstream.UpstreamConfig;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored upstream server: its {@link ServerSpec} plus what the store assigned.
 *
 * @param id assigned by the store at creation, never changes (a rename keeps it)
 * @param spec the server as written
 * @param createdAt when it was created, to the millisecond
 * @param updatedAt when it last changed, to the millisecond
 */
public record ServerRecord(String id, ServerSpec spec, Instant createdAt, Instant updatedAt) {

  public ServerRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public String name() {
    return spec.name();
  }

  public boolean enabled() {
    return spec.enabled();
  }

  /**
   * What the gateway connects with. References in {@code env} and {@code headers} stay unresolved:
   * the connection resolves them when it connects. An unset prefix is the server's name, an unset
   * timeout {@link UpstreamConfig#DEFAULT_TIMEOUT}.
   */
  public UpstreamConfig toUpstreamConfig() {
    return spec.toUpstreamConfig();
  }
}
