package dev.gatehouse.hook;

import dev.gatehouse.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every hook of a gateway, each seam in registration order. Immutable; built once, before the
 * gateway starts.
 */
public final class Hooks {
  private static final Hooks NONE = new Builder().build();

  private final List<Authenticator> authenticators;
  private final List<ConnectHook> connect;
  private final List<ConnectErrorObserver> connectErrors;
  private final List<ListHook> list;
  private final List<PreCallHook> preCall;
  private final List<ConfirmationHook> confirmation;
  private final List<CallFilter> filters;
  private final List<PostCallHook> postCall;
  private final List<CallErrorObserver> callErrors;
  private final List<AuditSink> audit;

  private Hooks(Builder b) {
    authenticators = List.copyOf(b.authenticators);
    connect = List.copyOf(b.connect);
    connectErrors = List.copyOf(b.connectErrors);
    list = List.copyOf(b.list);
    preCall = List.copyOf(b.preCall);
    confirmation = List.copyOf(b.confirmation);
    filters = List.copyOf(b.filters);
    postCall = List.copyOf(b.postCall);
    callErrors = List.copyOf(b.callErrors);
    audit = List.copyOf(b.audit);
  }

  public static Hooks none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Authenticator> authenticators() {
    return authenticators;
  }

  public List<ConnectHook> connect() {
    return connect;
  }

  public List<ConnectErrorObserver> connectErrors() {
    return connectErrors;
  }

  public List<ListHook> list() {
    return list;
  }

  public List<PreCallHook> preCall() {
    return preCall;
  }

  public List<ConfirmationHook> confirmation() {
    return confirmation;
  }

  public List<CallFilter> filters() {
    return filters;
  }

  public List<PostCallHook> postCall() {
    return postCall;
  }

  public List<CallErrorObserver> callErrors() {
    return callErrors;
  }

  public List<AuditSink> audit() {
    return audit;
  }

  /** Whether any seam of the call path has something registered. */
  public boolean governsCalls() {
    return !(authenticators.isEmpty()
        && list.isEmpty()
        && preCall.isEmpty()
        && confirmation.isEmpty()
        && filters.isEmpty()
        && postCall.isEmpty()
        && callErrors.isEmpty()
        && audit.isEmpty());
  }

  /**
   * Whether a hook sees the result of a successful call: a filter around the upstream call, a
   * post-call hook, or an audit sink (which records {@code isError}). Without one, the upstream's
   * answer goes back to the client as it came, and a large result streams through (ADR 13).
   */
  public boolean readsResults() {
    return !(filters.isEmpty() && postCall.isEmpty() && audit.isEmpty());
  }

  /** These hooks followed by {@code more}'s, seam by seam. */
  public Hooks followedBy(Hooks more) {
    return builder().addAll(this).addAll(more).build();
  }

  /** Collects hooks; each seam keeps the order of registration. */
  public static final class Builder {
    private final List<Authenticator> authenticators = new ArrayList<>();
    private final List<ConnectHook> connect = new ArrayList<>();
    private final List<ConnectErrorObserver> connectErrors = new ArrayList<>();
    private final List<ListHook> list = new ArrayList<>();
    private final List<PreCallHook> preCall = new ArrayList<>();
    private final List<ConfirmationHook> confirmation = new ArrayList<>();
    private final List<CallFilter> filters = new ArrayList<>();
    private final List<PostCallHook> postCall = new ArrayList<>();
    private final List<CallErrorObserver> callErrors = new ArrayList<>();
    private final List<AuditSink> audit = new ArrayList<>();

    private Builder() {}

    public Builder authenticator(Authenticator hook) {
      authenticators.add(Objects.requireNonNull(hook, "authenticator"));
      return this;
    }

    public Builder connect(ConnectHook hook) {
      connect.add(Objects.requireNonNull(hook, "connect hook"));
      return this;
    }

    public Builder connectError(ConnectErrorObserver observer) {
      connectErrors.add(Objects.requireNonNull(observer, "connect error observer"));
      return this;
    }

    public Builder list(ListHook hook) {
      list.add(Objects.requireNonNull(hook, "list hook"));
      return this;
    }

    public Builder preCall(PreCallHook hook) {
      preCall.add(Objects.requireNonNull(hook, "pre-call hook"));
      return this;
    }

    public Builder confirmation(ConfirmationHook hook) {
      confirmation.add(Objects.requireNonNull(hook, "confirmation hook"));
      return this;
    }

    public Builder filter(CallFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    public Builder postCall(PostCallHook hook) {
      postCall.add(Objects.requireNonNull(hook, "post-call hook"));
      return this;
    }

    public Builder callError(CallErrorObserver observer) {
      callErrors.add(Objects.requireNonNull(observer, "call error observer"));
      return this;
    }

    public Builder audit(AuditSink sink) {
      audit.add(Objects.requireNonNull(sink, "audit sink"));
      return this;
    }

    /** Appends every hook of {@code hooks}, seam by seam. */
    public Builder addAll(Hooks hooks) {
      authenticators.addAll(hooks.authenticators);
      connect.addAll(hooks.connect);
      connectErrors.addAll(hooks.connectErrors);
      list.addAll(hooks.list);
      preCall.addAll(hooks.preCall);
      confirmation.addAll(hooks.confirmation);
      filters.addAll(hooks.filters);
      postCall.addAll(hooks.postCall);
      callErrors.addAll(hooks.callErrors);
      audit.addAll(hooks.audit);
      return this;
    }

    public Hooks build() {
      return new Hooks(this);
    }
  }
}
