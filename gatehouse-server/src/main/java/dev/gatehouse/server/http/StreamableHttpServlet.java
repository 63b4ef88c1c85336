package dev.gatehouse.server.http;

import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.modern.Envelope;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.JsonRpcCodes;
import dev.gatehouse.protocol.McpMethods;
import dev.gatehouse.protocol.Message;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.ProtocolVersion;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import dev.gatehouse.server.transport.HandlerCalls;
import dev.gatehouse.server.transport.Handshake;
import dev.gatehouse.server.transport.SessionExchange;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP Streamable HTTP endpoint, server side, for both eras on one URL. Session era (2025-03-26
 * to 2025-11-25): POST carries client messages, GET opens the session's stream of unsolicited
 * messages, DELETE ends a session. Stateless (2026-07-28): every request is a POST that carries its
 * version and capabilities in {@code _meta}, mirrored in headers, and is answered on its own
 * response. Drives any {@link McpHandler}; handler calls block the request's (virtual) thread.
 *
 * <p>Batches (JSON arrays, allowed only by 2025-03-26) are refused with -32600. Origin and Host are
 * checked on every request; see {@link HttpTransportOptions} for limits.
 */
public final class StreamableHttpServlet extends HttpServlet {
  public static final String SESSION_HEADER = "Mcp-Session-Id";
  public static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

  private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpServlet.class);
  private static final long serialVersionUID = 1L;

  /** Which generation of the protocol a POST speaks; decided in {@code eraOf} alone. */
  private enum Era {
    /** 2025-11-25 and older: initialize creates a session, later messages name it. */
    SESSION,
    /** 2026-07-28: every request carries version, capabilities and client info itself. */
    STATELESS
  }

  private final transient McpHandlerResolver resolver;
  private final transient HttpTransportOptions options;
  private final transient RequestGuard guard;
  private final transient HttpSessions sessions;
  private final transient StatelessPosts stateless;

  private StreamableHttpServlet(McpHandlerResolver resolver, HttpTransportOptions options) {
    this.resolver = resolver;
    this.options = options;
    this.guard = new RequestGuard(options);
    this.sessions = new HttpSessions(options.sessionIdleTimeout());
    this.stateless = new StatelessPosts(resolver, options);
  }

  /** An endpoint for one handler with the default options. */
  public static StreamableHttpServlet of(McpHandler handler) {
    return of(McpHandlerResolver.of(handler), HttpTransportOptions.defaults());
  }

  /** An endpoint that picks its handler by path remainder (for prefix mounts like /mcp/g/*). */
  public static StreamableHttpServlet of(
      McpHandlerResolver resolver, HttpTransportOptions options) {
    return new StreamableHttpServlet(resolver, options);
  }

  public HttpTransportOptions options() {
    return options;
  }

  /** The number of live sessions. */
  public int sessionCount() {
    return sessions.size();
  }

  /**
   * Ends every session (telling the handlers) and closes their GET streams; stateless requests
   * still running (such as {@code subscriptions/listen} streams) are told to end.
   */
  public void shutdown() {
    sessions.stopExpiry();
    sessions.endAll();
    stateless.shutdown();
  }

  @Override
  public void init() {
    sessions.startExpiry();
  }

  @Override
  public void destroy() {
    shutdown();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try {
      if (!guard.hostAllowed(req.getHeader("Host"))) {
        HttpReplies.error(resp, 403, ErrorCode.INVALID_REQUEST, "Forbidden: Host not allowed");
      } else if (!guard.originAllowed(req.getHeader("Origin"))) {
        HttpReplies.error(resp, 403, ErrorCode.INVALID_REQUEST, "Forbidden: Origin not allowed");
      } else {
        super.service(req, resp);
      }
    } catch (RuntimeException | jakarta.servlet.ServletException e) {
      LOG.error("Unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), e);
      if (resp.isCommitted()) {
        // Part of an answer is out: the container must break it off, not end it as if whole.
        throw new IOException("The response failed after it began", e);
      }
      resp.reset();
      HttpReplies.error(resp, 500, ErrorCode.INTERNAL_ERROR, "Internal error");
    }
  }

  /**
   * HEAD is refused: on a session's URL it would run the GET stream into a body nobody reads,
   * taking the session's messages from the real stream.
   */
  @Override
  protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Allow", "GET, POST, DELETE");
    HttpReplies.error(
        resp, 405, ErrorCode.INVALID_REQUEST, "Method Not Allowed: use GET, POST or DELETE");
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    AcceptHeader accept = AcceptHeader.parse(req.getHeader("Accept"));
    if (accept.none()) {
      HttpReplies.error(
          resp,
          406,
          ErrorCode.INVALID_REQUEST,
          "Not Acceptable: accept application/json and text/event-stream");
      return;
    }
    String contentType = req.getContentType();
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      HttpReplies.error(
          resp, 415, ErrorCode.INVALID_REQUEST, "Unsupported Media Type: send application/json");
      return;
    }
    Optional<byte[]> body = readBody(req, resp);
    if (body.isEmpty()) {
      return;
    }
    Message message;
    try {
      JsonNode node = Json.parse(body.get());
      if (node.isArray()) {
        HttpReplies.error(
            resp, 400, ErrorCode.INVALID_REQUEST, "Invalid request: batches are not supported");
        return;
      }
      message = Message.of(node);
    } catch (GatewayException e) {
      HttpReplies.error(resp, 400, null, e);
      return;
    }
    switch (eraOf(message, req)) {
      case SESSION -> postInSession(message, req, resp, accept);
      case STATELESS -> stateless.post(message, req, resp, accept);
    }
  }

  /**
   * The one place that decides the era of a POST. Stateless when the body claims a revision in
   * {@code params._meta} (whatever the value: a bad claim is refused, never served as session-era
   * traffic), or when it claims none but the version header names a stateless revision; session era
   * otherwise.
   */
  private static Era eraOf(Message message, HttpServletRequest req) {
    if (message instanceof Response) {
      return Era.SESSION;
    }
    if (Envelope.isClaimedBy(message)) {
      return Era.STATELESS;
    }
    String header = req.getHeader(PROTOCOL_VERSION_HEADER);
    return header != null && ProtocolVersion.isStateless(header.strip())
        ? Era.STATELESS
        : Era.SESSION;
  }

  private void postInSession(
      Message message, HttpServletRequest req, HttpServletResponse resp, AcceptHeader accept)
      throws IOException {
    if (!versionHeaderSupported(req, resp)) {
      return;
    }
    if (message instanceof Request request && McpMethods.INITIALIZE.equals(request.method())) {
      initialize(request, req, resp, accept);
      return;
    }
    Optional<StreamableSession> found = sessionOf(req, resp);
    if (found.isEmpty()) {
      return;
    }
    StreamableSession session = found.get();
    session.enter();
    try {
      switch (message) {
        case Notification notification -> {
          SessionExchange exchange =
              new SessionExchange(session, name -> Optional.ofNullable(req.getHeader(name)));
          HandlerCalls.onNotification(session.handler(), notification, exchange);
          HttpReplies.status(resp, HttpServletResponse.SC_ACCEPTED);
        }
        case Response response -> {
          if (!session.clientRequests().complete(response)) {
            LOG.debug("A response from the client matched no waiting request");
          }
          HttpReplies.status(resp, HttpServletResponse.SC_ACCEPTED);
        }
        case Request request -> {
          PostExchange exchange =
              new PostExchange(
                  Optional.of(session),
                  session.protocolVersion(),
                  session.clientCapabilities(),
                  req,
                  resp,
                  accept,
                  options.keepAliveInterval(),
                  options.streamResponses());
          exchange.complete(HandlerCalls.handle(session.handler(), request, exchange));
        }
      }
    } finally {
      session.exit();
    }
  }

  /**
   * Creates a session for an initialize request and keeps it when the handler's answer is a
   * success. A session id header on an initialize is ignored: it always starts a new session.
   */
  private void initialize(
      Request request, HttpServletRequest req, HttpServletResponse resp, AcceptHeader accept)
      throws IOException {
    String path = pathRemainder(req);
    Optional<McpHandler> handler = resolver.resolve(path);
    if (handler.isEmpty()) {
      HttpReplies.error(resp, 404, request.id(), notFound("No MCP endpoint at this path"));
      return;
    }
    Handshake handshake = Handshake.of(request);
    StreamableSession session =
        new StreamableSession(
            sessions.newId(), handshake, handler.get(), path, options.pendingMessageLimit());
    // Set before the handler runs: if it streams, the headers go out with its first event.
    resp.setHeader(SESSION_HEADER, session.id());
    PostExchange exchange =
        new PostExchange(
            Optional.of(session),
            handshake.provisionalVersion(),
            handshake.capabilities(),
            req,
            resp,
            accept,
            options.keepAliveInterval(),
            options.streamResponses());
    session.enter();
    Response answer = HandlerCalls.handle(handler.get(), request, exchange);
    if (answer.isError()) {
      session.close();
      if (!exchange.streaming()) {
        resp.setHeader(SESSION_HEADER, null);
      }
    } else {
      Handshake.negotiatedVersion(answer).ifPresent(session::negotiated);
      sessions.add(session);
    }
    try {
      exchange.complete(answer);
    } finally {
      session.exit();
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!AcceptHeader.parse(req.getHeader("Accept")).eventStream()) {
      HttpReplies.error(
          resp, 406, ErrorCode.INVALID_REQUEST, "Not Acceptable: accept text/event-stream");
      return;
    }
    if (!versionHeaderSupported(req, resp)) {
      return;
    }
    Optional<StreamableSession> found = sessionOf(req, resp);
    if (found.isEmpty()) {
      return;
    }
    StreamableSession session = found.get();
    SessionOutbox outbox = session.outbox();
    session.enter();
    long generation = outbox.attach();
    try {
      SseEvents.begin(resp);
      OutputStream out = resp.getOutputStream();
      while (true) {
        Optional<Message> next = outbox.poll(generation, options.keepAliveInterval());
        if (next.isEmpty()) {
          if (!outbox.isCurrent(generation)) {
            return;
          }
          SseEvents.keepAlive(out);
          continue;
        }
        try {
          SseEvents.write(out, next.get());
        } catch (IOException e) {
          outbox.requeue(next.get());
          throw e;
        }
      }
    } catch (IOException e) {
      LOG.debug("GET stream closed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      outbox.detach(generation);
      session.exit();
    }
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!versionHeaderSupported(req, resp)) {
      return;
    }
    Optional<StreamableSession> found = sessionOf(req, resp);
    if (found.isPresent()) {
      sessions.end(found.get());
      HttpReplies.status(resp, HttpServletResponse.SC_NO_CONTENT);
    }
  }

  /** The session named by the header and bound to this path; answers 400 or 404 when none. */
  private Optional<StreamableSession> sessionOf(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    String id = req.getHeader(SESSION_HEADER);
    if (id == null || id.isBlank()) {
      HttpReplies.error(
          resp, 400, ErrorCode.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header is required");
      return Optional.empty();
    }
    String path = pathRemainder(req);
    Optional<StreamableSession> session =
        sessions.find(id.trim()).filter(s -> s.endpointPath().equals(path) && s.isOpen());
    if (session.isEmpty()) {
      HttpReplies.error(resp, 404, null, notFound("Session not found"));
    }
    return session;
  }

  /**
   * An absent header means 2025-03-26 or the session's own revision, both fine; a present one must
   * be a session-era revision this transport speaks.
   */
  private static boolean versionHeaderSupported(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    String version = req.getHeader(PROTOCOL_VERSION_HEADER);
    if (version == null || ProtocolVersion.isSessionEra(version.trim())) {
      return true;
    }
    unsupportedVersion(resp, null, version);
    return false;
  }

  private static void unsupportedVersion(HttpServletResponse resp, JsonNode id, String requested)
      throws IOException {
    ObjectNode error = Json.object();
    error.put("code", JsonRpcCodes.UNSUPPORTED_PROTOCOL_VERSION);
    error.put("message", "Unsupported protocol version");
    ObjectNode data = error.putObject("data");
    ProtocolVersion.SESSION_ERA.forEach(data.putArray("supported")::add);
    data.put("requested", requested);
    HttpReplies.json(resp, 400, Response.error(id, error));
  }

  private Optional<byte[]> readBody(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    long limit = options.maxBodyBytes();
    if (req.getContentLengthLong() > limit) {
      tooLarge(resp, limit);
      return Optional.empty();
    }
    byte[] body = readUpTo(req, limit + 1);
    if (body.length > limit) {
      tooLarge(resp, limit);
      return Optional.empty();
    }
    return Optional.of(body);
  }

  /**
   * Reads at most {@code max} bytes. With a declared length (the container holds the body to it)
   * the body lands in one array of exactly that size; reading without one grows buffers chunk by
   * chunk, several times the body in garbage.
   */
  private static byte[] readUpTo(HttpServletRequest req, long max) throws IOException {
    long declared = req.getContentLengthLong();
    if (declared >= 0 && declared < max) {
      byte[] body = new byte[(int) declared];
      int read = req.getInputStream().readNBytes(body, 0, body.length);
      return read == body.length ? body : Arrays.copyOf(body, read);
    }
    return req.getInputStream().readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
  }

  private static void tooLarge(HttpServletResponse resp, long limit) throws IOException {
    HttpReplies.error(
        resp,
        413,
        ErrorCode.INVALID_REQUEST,
        "Payload Too Large: the limit is " + limit + " bytes");
  }

  static GatewayException notFound(String message) {
    return new GatewayException(ErrorCode.INVALID_REQUEST, message);
  }

  /** The path after the mount point, without a leading slash; "" for an exact mount. */
  static String pathRemainder(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info == null) {
      return "";
    }
    return info.startsWith("/") ? info.substring(1) : info;
  }
}
