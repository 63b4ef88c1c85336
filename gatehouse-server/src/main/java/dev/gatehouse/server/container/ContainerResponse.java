package dev.gatehouse.server.container;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The servlet's view of a response on a {@link ServerConnection}. */
final class ContainerResponse implements HttpServletResponse {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final ResponseOutput output;
  private final boolean http10;
  private int status = SC_OK;
  private final List<String> names = new ArrayList<>(8);
  private final List<String> values = new ArrayList<>(8);
  private String contentType;
  private String characterEncoding;
  private long contentLength = -1;
  private boolean closeConnection;
  private PrintWriter writer;
  private boolean streamUsed;
  private Locale locale = Locale.getDefault();

  ContainerResponse(
      java.io.OutputStream socket,
      ConnectionInput.Activity activity,
      ResponseOutput.Buffer buffer,
      boolean http10,
      boolean headRequest) {
    this.output = new ResponseOutput(socket, activity, buffer, this, headRequest);
    this.http10 = http10;
  }

  boolean http10() {
    return http10;
  }

  ResponseOutput output() {
    return output;
  }

  /** Whether the connection ends after this response (asked for by the request or the server). */
  void closeConnection() {
    closeConnection = true;
  }

  boolean closesConnection() {
    return closeConnection;
  }

  boolean bodyAllowed() {
    return status >= 200 && status != SC_NO_CONTENT && status != SC_NOT_MODIFIED;
  }

  long declaredLength() {
    return contentLength;
  }

  /** Completes the response (buffered body, last chunk) unless the servlet closed it already. */
  void complete() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    output.close();
  }

  /** The status line and fields, with the framing the output chose. */
  byte[] renderHead(long length, boolean chunked, boolean bodyFollows) {
    StringBuilder head = new StringBuilder(256);
    head.append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        .append(status)
        .append(' ')
        .append(StatusReasons.of(status))
        .append("\r\n");
    head.append("Date: ").append(HttpDates.now()).append("\r\n");
    for (int i = 0; i < names.size(); i++) {
      head.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
    }
    String type = getContentType();
    if (type != null) {
      head.append("Content-Type: ").append(type).append("\r\n");
    }
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else if (length >= 0) {
      head.append("Content-Length: ").append(length).append("\r\n");
    } else if (bodyFollows) {
      // An HTTP/1.0 body of unknown length ends with the connection.
      closeConnection = true;
    }
    if (closeConnection || http10) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Headers the container renders itself are kept apart from the list; true when handled. */
  private boolean special(String name, String value) {
    if (name.equalsIgnoreCase("Content-Type")) {
      setContentType(value);
      return true;
    }
    if (name.equalsIgnoreCase("Content-Length")) {
      contentLength = value == null ? -1 : Long.parseLong(value.strip());
      if (contentLength < -1) {
        throw new IllegalArgumentException("Negative Content-Length");
      }
      return true;
    }
    if (name.equalsIgnoreCase("Connection")) {
      if (value != null && value.toLowerCase(Locale.ROOT).contains("close")) {
        closeConnection = true;
      }
      return true;
    }
    return name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Date");
  }

  /**
   * Field names must be tokens; in values, line breaks and other controls become spaces and
   * characters outside Latin-1 question marks, so nothing a servlet copies into a header (such as
   * an error description) can split the head.
   */
  private static String checkedName(String name) {
    if (!HttpHead.isToken(name)) {
      throw new IllegalArgumentException("Not a header field name: " + name);
    }
    return name;
  }

  static String cleanValue(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder clean = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char replacement = (c < 0x20 && c != '\t') || c == 0x7f ? ' ' : c > 0xff ? '?' : c;
      if (replacement != c && clean == null) {
        clean = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (clean != null) {
        clean.append(replacement);
      }
    }
    return clean == null ? value : clean.toString();
  }

  @Override
  public void setHeader(String name, String value) {
    if (output.committed() || name == null) {
      return;
    }
    checkedName(name);
    value = cleanValue(value);
    if (special(name, value)) {
      return;
    }
    int i;
    while ((i = indexOf(name)) >= 0) {
      names.remove(i);
      values.remove(i);
    }
    if (value != null) {
      names.add(name);
      values.add(value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (output.committed() || name == null || value == null) {
      return;
    }
    checkedName(name);
    value = cleanValue(value);
    if (special(name, value)) {
      return;
    }
    names.add(name);
    values.add(value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
  }

  @Override
  public boolean containsHeader(String name) {
    return getHeader(name) != null;
  }

  @Override
  public String getHeader(String name) {
    if (name.equalsIgnoreCase("Content-Type")) {
      return getContentType();
    }
    if (name.equalsIgnoreCase("Content-Length")) {
      return contentLength < 0 ? null : Long.toString(contentLength);
    }
    int i = indexOf(name);
    return i < 0 ? null : values.get(i);
  }

  @Override
  public Collection<String> getHeaders(String name) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        all.add(values.get(i));
      }
    }
    String special =
        name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
            ? getHeader(name)
            : null;
    if (special != null) {
      all.add(special);
    }
    return all;
  }

  @Override
  public Collection<String> getHeaderNames() {
    LinkedHashSet<String> all = new LinkedHashSet<>(names);
    if (getContentType() != null) {
      all.add("Content-Type");
    }
    if (contentLength >= 0) {
      all.add("Content-Length");
    }
    return all;
  }

  @Override
  public void setStatus(int sc) {
    if (!output.committed()) {
      status = sc;
    }
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    if (output.committed()) {
      throw new IllegalStateException("The response is committed");
    }
    resetBuffer();
    writer = null;
    streamUsed = false;
    status = sc;
    contentLength = -1;
    byte[] body =
        (sc + " " + (msg == null ? StatusReasons.of(sc) : msg) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    contentType = "text/plain";
    characterEncoding = "utf-8";
    setHeader("Cache-Control", "no-store");
    contentLength = body.length;
    output.write(body);
    output.close();
  }

  @Override
  public void sendError(int sc) throws IOException {
    sendError(sc, null);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    if (output.committed()) {
      throw new IllegalStateException("The response is committed");
    }
    if (clearBuffer) {
      resetBuffer();
    }
    status = sc;
    setHeader("Location", location);
    contentLength = clearBuffer ? 0 : contentLength;
    output.close();
  }

  @Override
  public String encodeURL(String url) {
    return url;
  }

  @Override
  public String encodeRedirectURL(String url) {
    return url;
  }

  @Override
  public void addCookie(Cookie cookie) {
    StringBuilder c = new StringBuilder(cookie.getName()).append('=').append(cookie.getValue());
    if (cookie.getPath() != null) {
      c.append("; Path=").append(cookie.getPath());
    }
    if (cookie.getMaxAge() >= 0) {
      c.append("; Max-Age=").append(cookie.getMaxAge());
    }
    if (cookie.getSecure()) {
      c.append("; Secure");
    }
    if (cookie.isHttpOnly()) {
      c.append("; HttpOnly");
    }
    addHeader("Set-Cookie", c.toString());
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding == null ? "ISO-8859-1" : characterEncoding;
  }

  @Override
  public String getContentType() {
    if (contentType == null) {
      return null;
    }
    return characterEncoding == null || contentType.toLowerCase(Locale.ROOT).contains("charset=")
        ? contentType
        : contentType + ";charset=" + characterEncoding;
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (writer != null) {
      throw new IllegalStateException("getWriter() was called on this response");
    }
    streamUsed = true;
    return output;
  }

  @Override
  public PrintWriter getWriter() {
    if (streamUsed) {
      throw new IllegalStateException("getOutputStream() was called on this response");
    }
    if (writer == null) {
      if (characterEncoding == null) {
        characterEncoding = "utf-8";
      }
      writer =
          new PrintWriter(
              new OutputStreamWriter(output, Charset.forName(characterEncoding)), false);
    }
    return writer;
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (!output.committed() && writer == null) {
      characterEncoding = cleanValue(charset);
    }
  }

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    if (!output.committed()) {
      contentLength = len;
    }
  }

  @Override
  public void setContentType(String type) {
    if (output.committed()) {
      return;
    }
    if (type == null) {
      contentType = null;
      return;
    }
    type = cleanValue(type);
    int charset = type.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (charset >= 0 && writer == null) {
      String value = type.substring(charset + "charset=".length()).strip();
      int end = value.indexOf(';');
      characterEncoding = (end >= 0 ? value.substring(0, end) : value).replace("\"", "");
      String base = type.substring(0, charset).strip();
      while (base.endsWith(";")) {
        base = base.substring(0, base.length() - 1).strip();
      }
      contentType = base;
    } else {
      contentType = type;
    }
  }

  @Override
  public void setBufferSize(int size) {
    // The connection's buffer is fixed; a servlet asking for another size gets that one.
  }

  @Override
  public int getBufferSize() {
    return output.bufferSize();
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    output.flush();
  }

  @Override
  public void resetBuffer() {
    if (!output.discardBuffer()) {
      throw new IllegalStateException("The response is committed");
    }
  }

  @Override
  public boolean isCommitted() {
    return output.committed();
  }

  @Override
  public void reset() {
    resetBuffer();
    status = SC_OK;
    names.clear();
    values.clear();
    contentType = null;
    characterEncoding = null;
    contentLength = -1;
    writer = null;
    streamUsed = false;
  }

  @Override
  public void setLocale(Locale loc) {
    if (loc != null) {
      locale = loc;
    }
  }

  @Override
  public Locale getLocale() {
    return locale;
  }

  /** Date fields, formatted at most once a second. */
  static final class HttpDates {
    private record Stamp(long second, String text) {}

    private static volatile Stamp last = new Stamp(-1, "");

    private HttpDates() {}

    static String now() {
      long second = System.currentTimeMillis() / 1000;
      Stamp stamp = last;
      if (stamp.second() != second) {
        stamp = new Stamp(second, HTTP_DATE.format(Instant.ofEpochSecond(second)));
        last = stamp;
      }
      return stamp.text();
    }
  }
}
