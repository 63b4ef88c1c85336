package dev.gatehouse.pipeline;

import static org.awaitility.Awaitility.await;

import dev.gatehouse.Gateway;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.upstream.UpstreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A gateway in front of one scripted upstream {@code fs} with tools {@code read} and {@code
 * delete}, exposed as {@code fs_read} and {@code fs_delete}, with the hooks a test gives it and an
 * audit sink that keeps every record.
 */
public final class GovernedGateway implements AutoCloseable {
  public final ScriptedUpstream upstream =
      new ScriptedUpstream(UpstreamConfig.stdio("fs", "unused", List.of()), "read", "delete");
  public final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  public final Gateway gateway;

  public GovernedGateway(Hooks hooks) {
    this(hooks, b -> b);
  }

  public GovernedGateway(Hooks hooks, UnaryOperator<Gateway.Builder> more) {
    gateway =
        more.apply(
                Gateway.builder()
                    .upstream(upstream.config())
                    .connector(c -> upstream)
                    .hooks(hooks)
                    .hooks(Hooks.builder().audit(audit::add).build()))
            .build()
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.catalog().tools().size() == 2);
  }

  @Override
  public void close() {
    gateway.close();
  }
}
