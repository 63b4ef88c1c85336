package dev.gatehouse.server.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpContainerTest {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpContainer container;

  @AfterEach
  void stop() {
    if (container != null) {
      container.close();
    }
  }

  /** Echoes method, servlet path, path info, query and body; {@code size=N} answers N bytes. */
  private final class Echo extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      byte[] body = req.getInputStream().readAllBytes();
      seen.add(req.getMethod() + " " + req.getServletPath() + " " + req.getPathInfo());
      String size = req.getParameter("size");
      resp.setContentType("text/plain");
      resp.setHeader("X-Path-Info", String.valueOf(req.getPathInfo()));
      if (size != null) {
        byte[] big = new byte[Integer.parseInt(size)];
        java.util.Arrays.fill(big, (byte) 'x');
        resp.getOutputStream().write(big);
        return;
      }
      resp.getOutputStream()
          .write(
              (req.getMethod()
                      + "|"
                      + req.getQueryString()
                      + "|"
                      + new String(body, StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A servlet body, for servlets written in place. */
  private interface Body {
    void run(HttpServletRequest req, HttpServletResponse resp) throws IOException;
  }

  private static HttpServlet servlet(Body body) {
    return new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        body.run(req, resp);
      }
    };
  }

  /** Starts a container with these path specs and servlets, given in pairs. */
  private void serving(Object... specsAndServlets) throws IOException {
    container = new HttpContainer("127.0.0.1", 0, Duration.ofMinutes(1));
    for (int i = 0; i < specsAndServlets.length; i += 2) {
      container.servlet((String) specsAndServlets[i], (HttpServlet) specsAndServlets[i + 1]);
    }
    container.start();
  }

  private int start(Duration idle) throws IOException {
    container = new HttpContainer("127.0.0.1", 0, idle);
    container.servlet("/echo", new Echo());
    container.servlet("/tree/*", new Echo());
    container.servlet("/tree/deeper/*", new Echo());
    container.start();
    return container.port();
  }

  private int start() throws IOException {
    return start(Duration.ofMinutes(1));
  }

  @Test
  void servesSeveralRequestsOnOneConnectionWithContentLengths() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("POST /echo?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      RawClient.Answer first = client.read();
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer second = client.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("POST|a=1|hello");
      assertThat(first.header("Content-Length")).isEqualTo("14");
      assertThat(first.header("Content-Type")).isEqualTo("text/plain");
      assertThat(first.header("Date")).isNotBlank();
      assertThat(second.body()).isEqualTo("GET|null|");
    }
  }

  @Test
  void aBodyLargerThanTheBufferGoesOutChunked() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("GET /echo?size=100000 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer answer = client.read();
      client.send("GET /echo?size=3 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer next = client.read();

      assertThat(answer.header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(answer.header("Content-Length")).isNull();
      assertThat(answer.body()).hasSize(100_000).matches("x+");
      assertThat(next.body()).isEqualTo("xxx");
    }
  }

  @Test
  void readsAChunkedRequestBodyAndDropsTrailers() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send(
          "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "3;ext=1\r\nabc\r\n4\r\ndefg\r\n0\r\nTrailer: t\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("POST|null|abcdefg");
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET|null|");
    }
  }

  @Test
  void answersExpectContinueBeforeReadingTheBody() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send(
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
      assertThat(client.line()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(client.line()).isEmpty();
      client.send("hi");
      assertThat(client.read().body()).isEqualTo("POST|null|hi");
    }
  }

  @Test
  void aBodyTheServletLeftUnreadIsSkippedSoTheNextRequestParses() throws IOException {
    serving(
        "/ignore",
        servlet((req, resp) -> {
          resp.setStatus(204);
        }),
        "/echo",
        new Echo());
    try (RawClient client = new RawClient(container.port())) {
      client.send("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nskip");
      assertThat(client.read().status()).isEqualTo(204);
      client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
      assertThat(client.read().body()).isEqualTo("POST|null|ok");
    }
  }

  @Test
  void mapsExactAndLongestPrefixPathsAndAnswers404Elsewhere() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("GET /tree HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer bare = client.read();
      client.send("GET /tree/a%20b HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer decoded = client.read();
      client.send("GET /tree/deeper/c HTTP/1.1\r\nHost: x\r\n\r\n");
      client.read();
      client.send("GET /treetop HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer missing = client.read();

      assertThat(bare.header("X-Path-Info")).isEqualTo("null");
      assertThat(decoded.header("X-Path-Info")).isEqualTo("/a b");
      assertThat(seen).contains("GET /tree null", "GET /tree /a b", "GET /tree/deeper /c");
      assertThat(missing.status()).isEqualTo(404);
    }
  }

  @Test
  void refusesAmbiguousPathsInsteadOfNormalizingThem() throws IOException {
    int port = start();
    for (String target :
        List.of("/tree/../echo", "/tree/%2e%2e/echo", "/tree%2Fdeeper", "/tree;x=1", "//echo")) {
      try (RawClient client = new RawClient(port)) {
        client.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawClient.Answer answer = client.read();

        assertThat(answer.status()).as(target).isEqualTo(400);
        assertThat(answer.header("Connection")).isEqualTo("close");
      }
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void refusesMalformedAndSmugglingHeads() throws IOException {
    int port = start();
    record Case(String request, int status) {}
    List<Case> cases =
        List.of(
            new Case("NOT A REQUEST LINE AT ALL\r\n\r\n", 400),
            new Case("GET /echo HTTP/2.0\r\n\r\n", 505),
            new Case("GET /echo HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", 400),
            new Case("GET /echo HTTP/1.1\r\nHost: x\r\n folded: v\r\n\r\n", 400),
            new Case("GET /echo HTTP/1.1\r\n\r\n", 400),
            new Case("GET /echo HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
            new Case(
                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                400),
            new Case(
                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
                400),
            new Case("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
            new Case(
                "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Transfer-Encoding: gzip\r\n\r\n",
                501),
            new Case("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello", 400),
            new Case("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
            new Case(
                "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431));
    for (Case c : cases) {
      try (RawClient client = new RawClient(port)) {
        client.send(c.request());
        RawClient.Answer answer = client.read();

        assertThat(answer.status()).as(c.request()).isEqualTo(c.status());
        assertThat(client.closedByServer()).isTrue();
      }
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void anHttp10ClientGetsItsAnswerAndTheConnectionCloses() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("GET /echo?size=40000 HTTP/1.0\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.header("Transfer-Encoding")).isNull();
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(answer.body()).hasSize(40_000);
    }
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aHeadRequestGetsNoBody() throws IOException {
    try (RawClient client = new RawClient(start())) {
      client.send("HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer head = client.read(true);
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(head.status()).isEqualTo(200);
      assertThat(client.read().body()).isEqualTo("GET|null|");
    }
  }

  /** Released by a test once it has read what came before a reset, which could discard it. */
  private final CountDownLatch partialRead = new CountDownLatch(1);

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aFailureBeforeTheHeadIs500AndAfterItBreaksTheResponseOff() throws IOException {
    serving(
        "/early",
        servlet((req, resp) -> {
          resp.getOutputStream().write("partial".getBytes(StandardCharsets.UTF_8));
          throw new IllegalStateException("boom");
        }),
        "/late",
        servlet((req, resp) -> {
          resp.getOutputStream().write("partial".getBytes(StandardCharsets.UTF_8));
          resp.flushBuffer();
          awaitQuietly(partialRead);
          throw new IOException("the source broke off");
        }));
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /early HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.body()).doesNotContain("partial");
    }
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.line()).isEqualTo("HTTP/1.1 200 OK");
      while (!client.line().isEmpty()) {
        // the head
      }
      assertThat(client.line()).isEqualTo("7");
      assertThat(client.line()).isEqualTo("partial");
      partialRead.countDown();
      // No last chunk: the connection ends instead.
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void filtersRunInOrderForThePathsTheyCover() throws IOException {
    List<String> order = new CopyOnWriteArrayList<>();
    container = new HttpContainer("127.0.0.1", 0, Duration.ofMinutes(1));
    container.servlet("/echo", new Echo());
    container.servlet("/tree/*", new Echo());
    container.filter(
        "/tree/*",
        (Filter)
            (req, resp, chain) -> {
              order.add("first");
              chain.doFilter(req, resp);
            });
    container.filter(
        "/tree/*",
        (Filter)
            (req, resp, chain) -> {
              order.add("second");
              ((HttpServletResponse) resp).sendError(403, "stopped");
            });
    container.start();
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /tree/x HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer stopped = client.read();
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer open = client.read();

      assertThat(stopped.status()).isEqualTo(403);
      assertThat(open.status()).isEqualTo(200);
      assertThat(order).containsExactly("first", "second");
      assertThat(seen).containsExactly("GET /echo null");
    }
  }

  @Test
  void anIdleConnectionIsClosedButASlowServletIsNot() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    container = new HttpContainer("127.0.0.1", 0, Duration.ofMillis(200));
    container.servlet(
        "/slow",
        servlet((req, resp) -> {
          awaitQuietly(release);
          resp.getOutputStream().write('k');
        }));
    container.start();
    try (RawClient idle = new RawClient(container.port());
        RawClient slow = new RawClient(container.port())) {
      slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
      await().atMost(Duration.ofSeconds(10)).until(idle::closedByServer);
      release.countDown();

      assertThat(slow.read().body()).isEqualTo("k");
    }
  }

  @Test
  void stoppingLetsARequestInFlightFinishAndClosesIdleConnections() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    serving(
        "/slow",
        servlet((req, resp) -> {
          entered.countDown();
          awaitQuietly(release);
          resp.getOutputStream().write('k');
        }));
    try (RawClient idle = new RawClient(container.port());
        RawClient busy = new RawClient(container.port())) {
      busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      Thread stopper = Thread.ofVirtual().start(() -> container.stop(Duration.ofSeconds(10)));

      await().atMost(Duration.ofSeconds(10)).until(idle::closedByServer);
      release.countDown();
      RawClient.Answer answer = busy.read();
      stopper.join(10_000);

      assertThat(answer.body()).isEqualTo("k");
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(stopper.isAlive()).isFalse();
    }
  }

  @Test
  void headerValuesCannotSplitTheHead() throws IOException {
    serving(
        "/inject",
        servlet((req, resp) -> {
          resp.setHeader("X-Echo", req.getParameter("v"));
          resp.addHeader("X-Added", "a\r\nSet-Cookie: b=c");
          resp.setContentType("text/plain\r\nX-Evil: 1");
          resp.getOutputStream().write('k');
        }));
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /inject?v=x%0d%0aSet-Cookie:%20a=b HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.headers()).doesNotContainKeys("set-cookie", "x-evil");
      assertThat(answer.header("X-Echo")).isEqualTo("x  Set-Cookie: a=b");
      assertThat(answer.header("X-Added")).isEqualTo("a  Set-Cookie: b=c");
      assertThat(answer.body()).isEqualTo("k");
    }
  }

  @Test
  void aBodyThatBreaksItsContentLengthBreaksTheResponseOff() throws IOException {
    serving(
        "/long",
        servlet((req, resp) -> {
          resp.setContentLength(3);
          resp.flushBuffer();
          awaitQuietly(partialRead);
          resp.getOutputStream().write("too long".getBytes(StandardCharsets.UTF_8));
        }),
        "/short",
        servlet((req, resp) -> {
          resp.setContentLength(10);
          resp.getOutputStream().write("short".getBytes(StandardCharsets.UTF_8));
        }));
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /long HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.line()).isEqualTo("HTTP/1.1 200 OK");
      while (!client.line().isEmpty()) {
        // the head, which promised 3 bytes
      }
      partialRead.countDown();
      assertThat(client.closedByServer()).isTrue();
    }
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /short HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(client.read().status()).isEqualTo(500);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void aBodyThatFailedToParseIsNotSkippedIntoTheNextRequest() throws IOException {
    serving(
        "/lenient",
        servlet((req, resp) -> {
          try {
            req.getInputStream().readAllBytes();
          } catch (IOException e) {
            resp.setStatus(400);
          }
        }),
        "/echo",
        new Echo());
    try (RawClient client = new RawClient(container.port())) {
      client.send(
          "POST /lenient HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "+5\r\n0\r\n\r\nGET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(400);
      assertThat(client.closedByServer()).isTrue();
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void strictChunkSizes() throws IOException {
    assertThat(BodyInput.chunkSize("1aF")).isEqualTo(0x1af);
    assertThat(BodyInput.chunkSize("5 ;name=value")).isEqualTo(5);
    for (String bad : List.of("", "+5", "-0", " 5", "5x", "0x5", "1234567890abcdef")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> BodyInput.chunkSize(bad))
          .as(bad)
          .isInstanceOf(BadRequest.class);
    }
  }

  @Test
  void headerValuesMayCarryBytesBeyondAscii() throws IOException {
    serving(
        "/name",
        servlet((req, resp) -> {
          byte[] raw = req.getHeader("X-Name").getBytes(StandardCharsets.ISO_8859_1);
          resp.getOutputStream().write(raw);
        }));
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /name HTTP/1.1\r\nHost: x\r\nX-Name: ");
      client.sendBytes("Zoë".getBytes(StandardCharsets.UTF_8));
      client.send("\r\n\r\n");
      RawClient.Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("Zoë");
    }
  }

  @Test
  void aStreamKeptPastItsResponseCannotWriteIntoTheNext() throws Exception {
    java.util.concurrent.atomic.AtomicReference<java.io.OutputStream> kept =
        new java.util.concurrent.atomic.AtomicReference<>();
    serving(
        "/keep",
        servlet((req, resp) -> {
          kept.set(resp.getOutputStream());
          resp.getOutputStream().write('1');
        }),
        "/echo",
        new Echo());
    try (RawClient client = new RawClient(container.port())) {
      client.send("GET /keep HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("1");
      // Once a later request was answered, the first exchange is surely over.
      client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("GET|null|");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.get().write('2'))
          .isInstanceOf(IOException.class);
      client.send("GET /echo?size=5 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("xxxxx");
    }
  }
}
