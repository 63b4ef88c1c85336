package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.hook.Approval;
import dev.gatehouse.hook.CallProgress;
import dev.gatehouse.hook.Caller;
import dev.gatehouse.hook.Identity;
import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApprovalQueueTest {
  private final List<String> progress = new CopyOnWriteArrayList<>();

  private ToolCall call() {
    return new ToolCall(
        new Caller(Identity.of("agent-7"), Optional.of("ops")),
        "evs",
        "evs_get-sum",
        "get-sum",
        Json.object().put("a", 2).put("b", 3),
        new ConcurrentHashMap<>(),
        (value, total, message) -> progress.add(message));
  }

  private static CompletableFuture<Approval> confirmAsync(ApprovalQueue queue, ToolCall call) {
    return CompletableFuture.supplyAsync(
        () -> queue.confirm(call, "policy requires confirmation"),
        r -> Thread.ofVirtual().start(r));
  }

  private static PendingApproval awaitPending(ApprovalQueue queue) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !queue.pending().isEmpty());
    return queue.pending().getFirst();
  }

  @Test
  void aPendingCallShowsWhatItWouldDoAndWaitsForApproval() throws Exception {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
    queue.servedAt(URI.create("http://127.0.0.1:8000/admin/hil"));
    CompletableFuture<Approval> decision = confirmAsync(queue, call());

    PendingApproval pending = awaitPending(queue);
    assertThat(pending.tool()).isEqualTo("evs_get-sum");
    assertThat(pending.arguments().toString()).isEqualTo("{\"a\":2,\"b\":3}");
    assertThat(pending.caller()).isEqualTo("agent-7");
    assertThat(pending.group()).contains("ops");
    assertThat(pending.reason()).isEqualTo("policy requires confirmation");
    assertThat(queue.pending(pending.id())).contains(pending);
    assertThat(decision).isNotDone();

    assertThat(queue.approve(pending.id())).isTrue();
    assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(Approval.approved());
    assertThat(queue.pending()).isEmpty();
    assertThat(queue.approve(pending.id())).isFalse();
    assertThat(progress.getFirst())
        .isEqualTo("Waiting for approval at http://127.0.0.1:8000/admin/hil");
  }

  @Test
  void aDenialCarriesItsReason() throws Exception {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
    CompletableFuture<Approval> decision = confirmAsync(queue, call());
    PendingApproval pending = awaitPending(queue);

    assertThat(queue.deny(pending.id(), Optional.of("wrong numbers"))).isTrue();

    assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(Approval.rejected("wrong numbers"));
    assertThat(queue.deny(pending.id(), Optional.empty())).isFalse();
  }

  @Test
  void nobodyDecidingDeniesAtTheTimeout() throws Exception {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMillis(200)).build();
    Approval approval = queue.confirm(call(), "policy requires confirmation");
    assertThat(approval).isInstanceOf(Approval.TimedOut.class);
    assertThat(((Approval.TimedOut) approval).reason()).isEqualTo("not approved within 0 s");
    assertThat(queue.pending()).isEmpty();
  }

  @Test
  void theWaitingClientHearsProgressUntilDecided() throws Exception {
    ApprovalQueue queue =
        ApprovalQueue.builder()
            .timeout(Duration.ofMinutes(5))
            .progressInterval(Duration.ofMillis(20))
            .build();
    CompletableFuture<Approval> decision = confirmAsync(queue, call());
    PendingApproval pending = awaitPending(queue);
    await().atMost(Duration.ofSeconds(10)).until(() -> progress.size() >= 3);
    queue.approve(pending.id());
    decision.get(10, TimeUnit.SECONDS);
    assertThat(progress.subList(1, 3)).allMatch(m -> m.startsWith("Still waiting for approval"));
  }

  @Test
  void anInterruptedWaitWithdrawsTheApprovalAndCancels() throws Exception {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(() -> {
              try {
                queue.confirm(call(), "policy requires confirmation");
                failure.complete(null);
              } catch (RuntimeException e) {
                failure.complete(e);
              }
            });
    awaitPending(queue);

    waiter.interrupt();

    assertThat(failure.get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
    assertThat(queue.pending()).isEmpty();
  }

  @Test
  void notifiersHearOfEachApprovalAndAFailingOrHangingOneNeverBlocksTheDecision() throws Exception {
    List<URI> links = new CopyOnWriteArrayList<>();
    CountDownLatch hang = new CountDownLatch(1);
    ApprovalQueue queue =
        ApprovalQueue.builder()
            .timeout(Duration.ofMinutes(5))
            .notifier((approval, page) -> {
              throw new IllegalStateException("smtp down");
            })
            .notifier((approval, page) -> {
              try {
                hang.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
            .notifier((approval, page) -> links.add(page))
            .build();
    queue.servedAt(URI.create("http://127.0.0.1:8000/admin/hil"));
    try {
      CompletableFuture<Approval> decision = confirmAsync(queue, call());
      PendingApproval pending = awaitPending(queue);
      await().atMost(Duration.ofSeconds(10)).until(() -> !links.isEmpty());
      assertThat(links)
          .containsExactly(URI.create("http://127.0.0.1:8000/admin/hil#" + pending.id()));

      queue.approve(pending.id());
      assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(Approval.approved());
    } finally {
      hang.countDown();
    }
  }

  @Test
  void idsAreUnguessable() {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMinutes(5)).build();
    CompletableFuture<Approval> first = confirmAsync(queue, call());
    PendingApproval pending = awaitPending(queue);
    assertThat(pending.id()).matches("[0-9a-f-]{36}");
    queue.deny(pending.id(), Optional.empty());
    first.join();
  }

  @Test
  void aSilentProgressIsFine() {
    ApprovalQueue queue = ApprovalQueue.builder().timeout(Duration.ofMillis(50)).build();
    ToolCall quiet =
        new ToolCall(
            Caller.anonymous(),
            "evs",
            "evs_echo",
            "echo",
            Json.object(),
            new ConcurrentHashMap<>(),
            CallProgress.NONE);
    assertThat(queue.confirm(quiet, "x")).isInstanceOf(Approval.TimedOut.class);
  }

  @Test
  void theTimeoutMustBePositive() {
    assertThatThrownBy(() -> ApprovalQueue.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
