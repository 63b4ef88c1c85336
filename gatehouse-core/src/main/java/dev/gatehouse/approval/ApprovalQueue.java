package dev.gatehouse.approval;

import dev.gatehouse.hook.Approval;
import dev.gatehouse.hook.CallProgress;
import dev.gatehouse.hook.ConfirmationHook;
import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Human approval: a {@link ConfirmationHook} that parks each call needing confirmation until a
 * human approves or denies it (through the approval page or the JSON API), or the timeout denies
 * it. While it waits, the caller's client hears progress (when it asked for progress), the
 * notifiers are told, and the approval URL is logged. A call cancelled by its client withdraws its
 * approval.
 */
public final class ApprovalQueue implements ConfirmationHook {
  private static final Logger log = LoggerFactory.getLogger(ApprovalQueue.class);

  /** The default wait before a call is denied. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** How often a waiting client hears that the call is still waiting. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

  private record Waiting(PendingApproval approval, CompletableFuture<Approval> decision) {}

  private final Duration timeout;
  private final Duration progressInterval;
  private final List<ApprovalNotifier> notifiers;
  private final Clock clock;
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private volatile URI page;

  private ApprovalQueue(Builder builder) {
    this.timeout = builder.timeout;
    this.progressInterval = builder.progressInterval;
    this.notifiers = List.copyOf(builder.notifiers);
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration timeout() {
    return timeout;
  }

  /** Where the approval page is served; notifiers and the log point humans there. */
  public void servedAt(URI approvalPage) {
    this.page = Objects.requireNonNull(approvalPage, "approvalPage");
  }

  public Optional<URI> page() {
    return Optional.ofNullable(page);
  }

  /** Blocks until a human decides, the timeout passes, or the thread is interrupted. */
  @Override
  public Approval confirm(ToolCall call, String reason) {
    Instant now = clock.instant();
    PendingApproval approval =
        new PendingApproval(
            UUID.randomUUID().toString(),
            call.tool(),
            call.server(),
            call.originalTool(),
            call.arguments(),
            reason,
            call.caller().identity().name(),
            call.caller().group(),
            now,
            now.plus(timeout));
    Waiting entry = new Waiting(approval, new CompletableFuture<>());
    waiting.put(approval.id(), entry);
    try {
      String where = announce(approval);
      return await(entry, call.progress(), where);
    } finally {
      waiting.remove(approval.id());
    }
  }

  /** Everything waiting, oldest first. */
  public List<PendingApproval> pending() {
    List<PendingApproval> all = new ArrayList<>();
    waiting.values().forEach(w -> all.add(w.approval()));
    all.sort(Comparator.comparing(PendingApproval::createdAt).thenComparing(PendingApproval::id));
    return all;
  }

  public Optional<PendingApproval> pending(String id) {
    return Optional.ofNullable(waiting.get(id)).map(Waiting::approval);
  }

  /** Lets the call go on; false when no such approval waits (any more). */
  public boolean approve(String id) {
    return decide(id, Approval.approved());
  }

  /** Refuses the call; false when no such approval waits (any more). */
  public boolean deny(String id, Optional<String> reason) {
    return decide(
        id, Approval.rejected(reason.filter(r -> !r.isBlank()).orElse("denied by a human")));
  }

  /** The current time of this queue's clock, for ages in answers. */
  public Instant now() {
    return clock.instant();
  }

  private boolean decide(String id, Approval approval) {
    Waiting entry = waiting.get(id);
    return entry != null && entry.decision().complete(approval);
  }

  private Approval await(Waiting entry, CallProgress progress, String where) {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    double total = timeout.toMillis() / 1000.0;
    progress.report(0, total, "Waiting for approval at " + where);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        // Whoever completes first wins, so a decision racing with the deadline is never lost.
        entry
            .decision()
            .complete(Approval.timedOut("not approved within " + timeout.toSeconds() + " s"));
        return entry.decision().join();
      }
      try {
        return entry
            .decision()
            .get(Math.min(left, progressInterval.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException stillWaiting) {
        double elapsed = (System.nanoTime() - begin) / 1e9;
        progress.report(Math.min(elapsed, total), total, "Still waiting for approval at " + where);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.info(
            "Call to {} was cancelled; approval {} withdrawn",
            entry.approval().tool(),
            entry.approval().id());
        throw new GatewayException(
            ErrorCode.CANCELLED, "The call was cancelled while waiting for approval");
      } catch (ExecutionException e) {
        throw new IllegalStateException("approvals never complete exceptionally", e);
      }
    }
  }

  /** Logs the approval and tells the notifiers; returns where a human decides it. */
  private String announce(PendingApproval approval) {
    URI base = page;
    if (base == null) {
      log.warn(
          "Call to {} waits for approval {} ({}), but no approval page is served",
          approval.tool(),
          approval.id(),
          approval.reason());
      return "the approval API (id " + approval.id() + ")";
    }
    URI link = URI.create(base + "#" + approval.id());
    log.info(
        "Call to {} waits for approval ({}): open {} to approve or deny",
        approval.tool(),
        approval.reason(),
        link);
    for (ApprovalNotifier notifier : notifiers) {
      Thread.ofVirtual()
          .name("approval-notifier")
          .start(() -> {
            try {
              notifier.notify(approval, link);
            } catch (RuntimeException e) {
              log.warn(
                  "Approval notifier {} failed: {}", notifier.getClass().getName(), e.toString());
            }
          });
    }
    return base.toString();
  }

  /** Configures an {@link ApprovalQueue}. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;
    private final List<ApprovalNotifier> notifiers = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** How long a call waits before it is denied; 120 s by default. */
    public Builder timeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the approval timeout must be positive");
      }
      this.timeout = value;
      return this;
    }

    /** How often a waiting client hears progress; 5 s by default. */
    public Builder progressInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the progress interval must be positive");
      }
      this.progressInterval = value;
      return this;
    }

    /** Adds a notifier; each runs for every new approval. */
    public Builder notifier(ApprovalNotifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public ApprovalQueue build() {
      return new ApprovalQueue(this);
    }
  }
}
