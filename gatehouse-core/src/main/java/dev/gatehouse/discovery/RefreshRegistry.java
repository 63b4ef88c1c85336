package dev.gatehouse.discovery;

import dev.gatehouse.catalog.ToolEntry;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.upstream.UpstreamConnection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code refresh_registry()}: lists every server the caller may see again, all at once, and answers
 * per domain which of the caller's tools were added and removed.
 */
final class RefreshRegistry implements MetaTool {
  static final String NAME = "refresh_registry";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode definition() {
    return Definition.of(
            NAME,
            "Refresh registry",
            "Ask every server for its current tools now, and report per domain which tools were"
                + " added and removed. Use it when a tool you expect is missing.")
        .readOnly()
        .build();
  }

  @Override
  public ObjectNode call(MetaCall call) {
    List<UpstreamConnection> domains = call.visible().domains();
    Map<String, Set<String>> before = names(call.visible().tools());
    Map<String, GatewayException> failures = new LinkedHashMap<>();
    try (ExecutorService refreshes = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<?>> pending = new LinkedHashMap<>();
      for (UpstreamConnection domain : domains) {
        pending.put(domain.name(), refreshes.submit(() -> call.registry().refresh(domain.name())));
      }
      for (Map.Entry<String, Future<?>> refresh : pending.entrySet()) {
        try {
          refresh.getValue().get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof GatewayException failure) {
            failures.put(refresh.getKey(), failure);
          } else {
            throw new IllegalStateException("refreshing " + refresh.getKey() + " failed", e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GatewayException(ErrorCode.CANCELLED, "refresh_registry was cancelled");
        }
      }
    }
    VisibleCatalog after = call.visible().reread();
    Map<String, Set<String>> now = names(after.tools());
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("domains");
    int added = 0;
    int removed = 0;
    for (UpstreamConnection domain : domains) {
      Set<String> old = before.getOrDefault(domain.name(), Set.of());
      Set<String> fresh = now.getOrDefault(domain.name(), Set.of());
      ObjectNode entry = list.addObject().put("name", domain.name()).put("tools", fresh.size());
      ArrayNode addedNames = entry.putArray("added");
      fresh.stream().filter(n -> !old.contains(n)).forEach(addedNames::add);
      ArrayNode removedNames = entry.putArray("removed");
      old.stream().filter(n -> !fresh.contains(n)).forEach(removedNames::add);
      added += addedNames.size();
      removed += removedNames.size();
      GatewayException failure = failures.get(domain.name());
      if (failure != null) {
        entry
            .putObject("error")
            .put("code", failure.code().id())
            .put("message", failure.getMessage());
      }
    }
    answer.put("added", added);
    answer.put("removed", removed);
    return ToolResults.success(answer);
  }

  private static Map<String, Set<String>> names(List<ToolEntry> tools) {
    Map<String, Set<String>> byDomain = new LinkedHashMap<>();
    for (ToolEntry tool : tools) {
      byDomain.computeIfAbsent(tool.server(), k -> new LinkedHashSet<>()).add(tool.name());
    }
    return byDomain;
  }
}
