package dev.gatehouse.pipeline;

import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.hook.Approval;
import dev.gatehouse.hook.CallFilter;
import dev.gatehouse.hook.ConfirmationHook;
import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.Hooks;
import dev.gatehouse.hook.PostCallHook;
import dev.gatehouse.hook.PreCallHook;
import dev.gatehouse.hook.ToolCall;
import dev.gatehouse.hook.ToolResult;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the seams: pre-call hooks, confirmation, the filters around the upstream call,
 * post-call hooks. Everything that goes wrong in a hook fails closed; what the caller sees is a
 * {@link GatewayException}.
 */
final class CallRun {
  private static final Logger log = LoggerFactory.getLogger(CallRun.class);

  private final Hooks hooks;
  private ToolCall call;
  private boolean confirmed;

  CallRun(Hooks hooks, ToolCall call) {
    this.hooks = hooks;
    this.call = call;
  }

  /** The call as the hooks left it (rewritten arguments included). */
  ToolCall call() {
    return call;
  }

  boolean confirmed() {
    return confirmed;
  }

  ToolResult execute(CallFilter.Chain upstream) {
    String confirmation = preCall();
    if (confirmation != null) {
      confirm(confirmation);
    }
    ToolResult result;
    try {
      result = chain(0, upstream).proceed(call);
    } catch (GatewayException e) {
      throw e;
    } catch (RuntimeException e) {
      log.error("A call filter failed on {}", call.tool(), e);
      throw new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error");
    }
    return postCall(result);
  }

  /** Runs the pre-call hooks; returns the first confirmation reason asked for, or null. */
  private String preCall() {
    String confirmation = null;
    for (PreCallHook hook : hooks.preCall()) {
      Decision decision;
      try {
        decision = Objects.requireNonNull(hook.before(call), "the hook returned no decision");
      } catch (GatewayException e) {
        throw new CallRefusal(AuditDecision.DENIED, e.code(), e.getMessage());
      } catch (RuntimeException e) {
        log.error(
            "Pre-call hook {} failed on {}; denying", hook.getClass().getName(), call.tool(), e);
        throw new CallRefusal(
            AuditDecision.DENIED,
            ErrorCode.DENIED_BY_POLICY,
            "Call to " + call.tool() + " denied: a policy check failed");
      }
      switch (decision) {
        case Decision.Continue ignored -> {}
        case Decision.Rewrite rewrite -> call = call.withArguments(rewrite.arguments());
        case Decision.Deny deny ->
            throw new CallRefusal(AuditDecision.DENIED, deny.code(), deny.reason());
        case Decision.RequireConfirmation ask -> {
          if (confirmation == null) {
            confirmation = ask.reason();
          }
        }
      }
    }
    return confirmation;
  }

  private void confirm(String reason) {
    List<ConfirmationHook> confirmations = hooks.confirmation();
    if (confirmations.isEmpty()) {
      throw new CallRefusal(
          AuditDecision.REJECTED,
          ErrorCode.DENIED_BY_POLICY,
          "Call to "
              + call.tool()
              + " needs confirmation ("
              + reason
              + ") and nothing is configured to confirm it, so it is denied");
    }
    for (ConfirmationHook hook : confirmations) {
      Approval approval;
      try {
        approval = Objects.requireNonNull(hook.confirm(call, reason), "the hook returned nothing");
      } catch (GatewayException e) {
        if (e.code() == ErrorCode.CANCELLED || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        throw new CallRefusal(AuditDecision.REJECTED, ErrorCode.DENIED_BY_POLICY, e.getMessage());
      } catch (RuntimeException e) {
        log.error(
            "Confirmation hook {} failed on {}; rejecting",
            hook.getClass().getName(),
            call.tool(),
            e);
        throw new CallRefusal(
            AuditDecision.REJECTED,
            ErrorCode.DENIED_BY_POLICY,
            "Call to " + call.tool() + " denied: its confirmation failed");
      }
      switch (approval) {
        case Approval.Approved ignored -> {}
        case Approval.Rejected rejected ->
            throw new CallRefusal(
                AuditDecision.REJECTED,
                ErrorCode.DENIED_BY_POLICY,
                "Call to " + call.tool() + " was rejected: " + rejected.reason());
        case Approval.TimedOut timedOut ->
            throw new CallRefusal(
                AuditDecision.TIMED_OUT,
                ErrorCode.DENIED_BY_POLICY,
                "Call to " + call.tool() + " was denied: " + timedOut.reason());
      }
    }
    confirmed = true;
  }

  /** The filters from {@code index} on, the first registered outermost, then the upstream. */
  private CallFilter.Chain chain(int index, CallFilter.Chain upstream) {
    List<CallFilter> filters = hooks.filters();
    if (index == filters.size()) {
      return upstream;
    }
    CallFilter filter = filters.get(index);
    CallFilter.Chain next = chain(index + 1, upstream);
    return c -> Objects.requireNonNull(filter.filter(c, next), "a call filter returned no result");
  }

  private ToolResult postCall(ToolResult result) {
    ToolResult current = result;
    for (PostCallHook hook : hooks.postCall()) {
      try {
        current = Objects.requireNonNull(hook.after(call, current), "the hook returned no result");
      } catch (RuntimeException e) {
        log.error(
            "Post-call hook {} failed on {}; withholding the result",
            hook.getClass().getName(),
            call.tool(),
            e);
        throw new GatewayException(ErrorCode.INTERNAL_ERROR, "Internal error");
      }
    }
    return current;
  }
}
