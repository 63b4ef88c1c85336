package dev.gatehouse.server.transport;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Response;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every transport's session shares: the handshake facts, handler attributes, and requests to
 * the client waiting for answers. A transport says only how an unsolicited message reaches the
 * client.
 */
public abstract class AbstractDownstreamSession implements DownstreamSession {
  private final String id;
  private final ClientRequests clientRequests = new ClientRequests();
  private volatile ConcurrentMap<String, Object> attributes;
  private volatile String protocolVersion;
  private volatile ObjectNode clientCapabilities;
  private volatile ObjectNode clientInfo;
  private volatile boolean open = true;

  protected AbstractDownstreamSession(String id, Handshake handshake) {
    this.id = id;
    adopt(handshake);
  }

  /** Sends a message not tied to any client request the way this transport can. */
  protected abstract void deliver(Message message);

  /** Takes over the client's side of a (re-)initialize. */
  public final void adopt(Handshake handshake) {
    this.protocolVersion = handshake.provisionalVersion();
    this.clientCapabilities = handshake.capabilities();
    this.clientInfo = handshake.clientInfo();
  }

  /** Records the revision the handler's initialize result settled on. */
  public final void negotiated(String version) {
    this.protocolVersion = version;
  }

  public final ClientRequests clientRequests() {
    return clientRequests;
  }

  /** Ends the session: later sends are dropped and waiting requests fail. Idempotent. */
  public void close() {
    open = false;
    clientRequests.closeAll("The session has ended");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String protocolVersion() {
    return protocolVersion;
  }

  @Override
  public final ObjectNode clientCapabilities() {
    return clientCapabilities;
  }

  @Override
  public final ObjectNode clientInfo() {
    return clientInfo;
  }

  @Override
  public final ConcurrentMap<String, Object> attributes() {
    ConcurrentMap<String, Object> map = attributes;
    if (map == null) {
      synchronized (this) {
        map = attributes;
        if (map == null) {
          map = new ConcurrentHashMap<>();
          attributes = map;
        }
      }
    }
    return map;
  }

  @Override
  public final void notify(Notification notification) {
    if (open) {
      deliver(notification);
    }
  }

  @Override
  public final Response request(String method, ObjectNode params, Duration timeout) {
    ClientRequests.Pending pending = clientRequests.open(method, params);
    if (!pending.answer().isDone()) {
      deliver(pending.request());
    }
    try {
      return clientRequests.await(pending, timeout);
    } catch (GatewayException e) {
      if (e.code() == ErrorCode.TIMEOUT && open) {
        deliver(ClientRequests.cancellation(pending, "timed out"));
      }
      throw e;
    }
  }

  @Override
  public final boolean isOpen() {
    return open;
  }
}
