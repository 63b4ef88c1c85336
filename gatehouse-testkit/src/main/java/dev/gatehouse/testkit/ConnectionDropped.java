package dev.gatehouse.testkit;

/**
 * Thrown by {@link TestServer#handle} when a {@link Fault#dropConnection()} fault matches and no
 * transport of the testkit took the drop over. The testkit's HTTP and stdio runners drop the real
 * connection before the request reaches the handler, so only in-process callers see this.
 */
public final class ConnectionDropped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectionDropped(String method) {
    super("connection dropped on " + method + " by a scripted fault");
  }
}
