package dev.gatehouse.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.registry.UpstreamRegistry;
import dev.gatehouse.upstream.UpstreamConfig;
import dev.gatehouse.upstream.UpstreamState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RegistryReconcileTest {
  private final List<FakeUpstream> opened = new CopyOnWriteArrayList<>();
  private final Map<String, String[]> tools = new ConcurrentHashMap<>();

  private FakeUpstream open(UpstreamConfig config) {
    FakeUpstream upstream =
        new FakeUpstream(config) {
          @Override
          public void start() {
            tools(RegistryReconcileTest.this.tools.getOrDefault(config.name(), new String[0]));
            ready();
          }
        };
    opened.add(upstream);
    return upstream;
  }

  private static List<String> names(UpstreamRegistry registry) {
    return registry.catalog().tools().stream().map(ToolEntry::name).toList();
  }

  @Test
  void addsRemovesAndReplacesUpstreamsWhileKeepingUnchangedOnes() {
    tools.put("a", new String[] {"one"});
    tools.put("b", new String[] {"two"});
    UpstreamConfig a = UpstreamConfig.stdio("a", "x", List.of());
    UpstreamConfig b = UpstreamConfig.stdio("b", "x", List.of());
    try (UpstreamRegistry registry = new UpstreamRegistry(List.of(a), this::open, "_")) {
      registry.start();
      await().until(() -> names(registry).equals(List.of("a_one")));
      FakeUpstream first = opened.getFirst();

      assertThat(registry.reconcile(List.of(a, b))).containsExactly("b");
      await().until(() -> names(registry).equals(List.of("a_one", "b_two")));
      assertThat(registry.connection("a")).containsSame(first);

      UpstreamConfig slowerA = a.withTimeout(Duration.ofSeconds(5));
      assertThat(registry.reconcile(List.of(slowerA, b))).containsExactly("a");
      assertThat(first.state()).isEqualTo(UpstreamState.CLOSED);
      await().until(() -> names(registry).equals(List.of("a_one", "b_two")));

      registry.reconcile(List.of(slowerA));
      await().until(() -> names(registry).equals(List.of("a_one")));
      assertThat(registry.connection("b")).isEmpty();
    }
  }
}
