package dev.gatehouse.server.container;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The servlet's view of a request on a {@link ServerConnection}. Parameters come from the query
 * string only (the gateway's servlets read JSON bodies themselves).
 */
final class ContainerRequest implements HttpServletRequest {
  private final HttpHead head;
  private final RequestPath path;
  private final BodyInput body;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final long requestNumber;
  private final ServerConnection connection;
  private String servletPath = "";
  private String pathInfo;
  private Map<String, Object> attributes;
  private Map<String, String[]> parameters;
  private String characterEncoding;
  private BufferedReader reader;
  private boolean streamUsed;

  ContainerRequest(
      HttpHead head,
      RequestPath path,
      BodyInput body,
      InetSocketAddress local,
      InetSocketAddress remote,
      long requestNumber,
      ServerConnection connection) {
    this.head = head;
    this.path = path;
    this.body = body;
    this.local = local;
    this.remote = remote;
    this.requestNumber = requestNumber;
    this.connection = connection;
  }

  ServerConnection connection() {
    return connection;
  }

  /** Set by the route that matched. */
  void mapped(String servletPath, String pathInfo) {
    this.servletPath = servletPath;
    this.pathInfo = pathInfo;
  }

  @Override
  public String getMethod() {
    return head.method;
  }

  @Override
  public String getHeader(String name) {
    return head.header(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return Collections.enumeration(head.headers(name));
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return head.names();
  }

  @Override
  public int getIntHeader(String name) {
    String value = head.header(name);
    return value == null ? -1 : Integer.parseInt(value.strip());
  }

  @Override
  public long getDateHeader(String name) {
    String value = head.header(name);
    if (value == null) {
      return -1;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("Not an HTTP date: " + value, e);
    }
  }

  @Override
  public String getContentType() {
    return head.header("Content-Type");
  }

  @Override
  public int getContentLength() {
    long length = getContentLengthLong();
    return length > Integer.MAX_VALUE ? -1 : (int) length;
  }

  @Override
  public long getContentLengthLong() {
    String value = head.header("Content-Length");
    return value == null || head.header("Transfer-Encoding") != null ? -1 : Long.parseLong(value);
  }

  @Override
  public ServletInputStream getInputStream() {
    if (reader != null) {
      throw new IllegalStateException("getReader() was called on this request");
    }
    streamUsed = true;
    return body;
  }

  @Override
  public BufferedReader getReader() {
    if (streamUsed) {
      throw new IllegalStateException("getInputStream() was called on this request");
    }
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(body, charset()));
    }
    return reader;
  }

  private Charset charset() {
    String encoding = getCharacterEncoding();
    return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
  }

  @Override
  public String getCharacterEncoding() {
    if (characterEncoding != null) {
      return characterEncoding;
    }
    String type = getContentType();
    if (type == null) {
      return null;
    }
    int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (at < 0) {
      return null;
    }
    String value = type.substring(at + "charset=".length()).strip();
    int end = value.indexOf(';');
    return (end >= 0 ? value.substring(0, end) : value).replace("\"", "").strip();
  }

  @Override
  public void setCharacterEncoding(String env) {
    characterEncoding = env;
  }

  @Override
  public String getRequestURI() {
    return path.rawPath();
  }

  @Override
  public StringBuffer getRequestURL() {
    StringBuffer url = new StringBuffer("http://");
    String host = head.header("Host");
    url.append(host != null ? host : local.getHostString() + ":" + local.getPort());
    return url.append(path.rawPath());
  }

  @Override
  public String getQueryString() {
    return path.query();
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public String getServletPath() {
    return servletPath;
  }

  @Override
  public String getPathInfo() {
    return pathInfo;
  }

  @Override
  public String getPathTranslated() {
    return null;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Collections.unmodifiableMap(parameters());
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      Map<String, List<String>> collected = new LinkedHashMap<>();
      String query = path.query();
      if (query != null && !query.isEmpty()) {
        for (String pair : query.split("&")) {
          if (pair.isEmpty()) {
            continue;
          }
          int eq = pair.indexOf('=');
          String name = decode(eq < 0 ? pair : pair.substring(0, eq));
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
          collected.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
      }
      Map<String, String[]> done = new LinkedHashMap<>();
      collected.forEach((k, v) -> done.put(k, v.toArray(String[]::new)));
      parameters = done;
    }
    return parameters;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  @Override
  public Cookie[] getCookies() {
    String header = head.header("Cookie");
    if (header == null) {
      return null;
    }
    List<Cookie> cookies = new ArrayList<>();
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      try {
        cookies.add(new Cookie(name, value));
      } catch (IllegalArgumentException e) {
        // A cookie name the servlet API refuses is left out.
      }
    }
    return cookies.isEmpty() ? null : cookies.toArray(Cookie[]::new);
  }

  @Override
  public Object getAttribute(String name) {
    return attributes == null ? null : attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return attributes == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(new ArrayList<>(attributes.keySet()));
  }

  @Override
  public void setAttribute(String name, Object o) {
    if (o == null) {
      removeAttribute(name);
      return;
    }
    if (attributes == null) {
      attributes = new HashMap<>();
    }
    attributes.put(name, o);
  }

  @Override
  public void removeAttribute(String name) {
    if (attributes != null) {
      attributes.remove(name);
    }
  }

  @Override
  public String getProtocol() {
    return head.http10 ? "HTTP/1.0" : "HTTP/1.1";
  }

  @Override
  public String getScheme() {
    return "http";
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public String getServerName() {
    String host = head.header("Host");
    if (host == null || host.isBlank()) {
      return local.getHostString();
    }
    host = host.strip();
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(0, close + 1) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  @Override
  public int getServerPort() {
    String host = head.header("Host");
    if (host == null || host.isBlank()) {
      return local.getPort();
    }
    host = host.strip();
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.lastIndexOf(']') > colon) {
      return 80;
    }
    try {
      return Integer.parseInt(host.substring(colon + 1));
    } catch (NumberFormatException e) {
      return local.getPort();
    }
  }

  @Override
  public String getRemoteAddr() {
    return remote.getAddress().getHostAddress();
  }

  @Override
  public String getRemoteHost() {
    return getRemoteAddr();
  }

  @Override
  public int getRemotePort() {
    return remote.getPort();
  }

  @Override
  public String getLocalName() {
    return local.getHostString();
  }

  @Override
  public String getLocalAddr() {
    return local.getAddress().getHostAddress();
  }

  @Override
  public int getLocalPort() {
    return local.getPort();
  }

  @Override
  public Locale getLocale() {
    return Locale.getDefault();
  }

  @Override
  public Enumeration<Locale> getLocales() {
    return Collections.enumeration(List.of(Locale.getDefault()));
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public String getRequestId() {
    return Long.toString(requestNumber);
  }

  @Override
  public String getProtocolRequestId() {
    return "";
  }

  @Override
  public String getAuthType() {
    return null;
  }

  @Override
  public String getRemoteUser() {
    return null;
  }

  @Override
  public boolean isUserInRole(String role) {
    return false;
  }

  @Override
  public Principal getUserPrincipal() {
    return null;
  }

  @Override
  public String getRequestedSessionId() {
    return null;
  }

  @Override
  public HttpSession getSession(boolean create) {
    if (create) {
      throw unsupported("HTTP sessions");
    }
    return null;
  }

  @Override
  public HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public String changeSessionId() {
    throw new IllegalStateException("No HTTP session");
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    return false;
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return false;
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false;
  }

  @Override
  public boolean authenticate(HttpServletResponse response) {
    throw unsupported("container authentication");
  }

  @Override
  public void login(String username, String password) {
    throw unsupported("container authentication");
  }

  @Override
  public void logout() {
    throw unsupported("container authentication");
  }

  @Override
  public Collection<Part> getParts() {
    throw unsupported("multipart bodies");
  }

  @Override
  public Part getPart(String name) {
    throw unsupported("multipart bodies");
  }

  @Override
  public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) {
    throw unsupported("protocol upgrades");
  }

  @Override
  public RequestDispatcher getRequestDispatcher(String path) {
    throw unsupported("request dispatch");
  }

  @Override
  public ServletContext getServletContext() {
    throw unsupported("a servlet context");
  }

  @Override
  public AsyncContext startAsync() {
    throw new IllegalStateException("This server runs requests blocking only");
  }

  @Override
  public AsyncContext startAsync(
      jakarta.servlet.ServletRequest servletRequest,
      jakarta.servlet.ServletResponse servletResponse) {
    throw new IllegalStateException("This server runs requests blocking only");
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public boolean isAsyncSupported() {
    return false;
  }

  @Override
  public AsyncContext getAsyncContext() {
    throw new IllegalStateException("This server runs requests blocking only");
  }

  @Override
  public ServletConnection getServletConnection() {
    throw unsupported("connection details");
  }

  private static UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException("The gateway's HTTP server has no " + what);
  }
}
