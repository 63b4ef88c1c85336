package dev.gatehouse.httpclient;

import static dev.gatehouse.httpclient.ScriptedHttpServer.answer;
import static dev.gatehouse.httpclient.ScriptedHttpServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingHttpClientTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private ScriptedHttpServer server;
  private BlockingHttpClient client = BlockingHttpClient.create(HttpClientSettings.of(PATIENCE));

  @AfterEach
  void stop() throws Exception {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  private static String text(HttpResponse response) throws IOException {
    try (InputStream body = response.body()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .POST(body.getBytes(StandardCharsets.UTF_8))
            .build());
  }

  @Test
  void requestsShareOneKeepAliveConnectionAndCarryTheirHeadersAndBody() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "echo " + request.text(), "Content-Type: application/json");
          return true;
        });

    for (int i = 0; i < 3; i++) {
      HttpResponse response = post("/mcp?x=1", "call " + i);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      assertThat(text(response)).isEqualTo("echo call " + i);
    }

    assertThat(server.connections()).isEqualTo(1);
    ScriptedHttpServer.Received first = server.requests().getFirst();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.target()).isEqualTo("/mcp?x=1");
    assertThat(first.headers())
        .containsEntry("host", "127.0.0.1:" + server.port())
        .containsEntry("content-type", "application/json")
        .containsEntry("content-length", "6");
  }

  @Test
  void chunkedBodiesAreDecodedAndTheConnectionIsReused() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
          return true;
        });

    assertThat(text(post("/", "a"))).isEqualTo("hello, world");
    assertThat(text(post("/", "b"))).isEqualTo("hello, world");

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aBodyWithoutLengthRunsUntilTheServerCloses() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
          return false;
        });

    assertThat(text(post("/", "a"))).isEqualTo("until the end");
    assertThat(text(post("/", "b"))).isEqualTo("until the end");

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aKeepAliveConnectionTheServerClosedWhileIdleIsReplacedOnce() throws Exception {
    // The first socket is closed right after its answer, without saying so (as a server does
    // whose keep-alive time ran out); the client finds out only when it reuses it.
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "ok " + request.connection());
          return request.connection() > 1;
        });
    assertThat(text(post("/", "first"))).isEqualTo("ok 1");
    await().atMost(PATIENCE).until(() -> server.openSockets() == 0);

    assertThat(text(post("/", "second"))).isEqualTo("ok 2");
    assertThat(server.requests())
        .extracting(ScriptedHttpServer.Received::text)
        .containsExactly("first", "second");
  }

  @Test
  void aFreshConnectionClosedWithoutAnAnswerFailsWithoutASecondTry() throws Exception {
    server = ScriptedHttpServer.start((request, out) -> false);

    assertThatThrownBy(() -> post("/", "once")).isInstanceOf(IOException.class);

    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aServerKeepAliveTimeoutRetiresTheIdleConnectionBeforeTheServerDoes() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "ok", "Keep-Alive: timeout=1");
          return true;
        });
    text(post("/", "a"));

    // timeout=1 keeps the socket half a second at most; after a second it is not reused.
    Thread.sleep(1_000);
    text(post("/", "b"));

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "ok", "Connection: close");
          return true;
        });

    text(post("/", "a"));
    text(post("/", "b"));

    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aHeadThatTakesLongerThanTheTimeoutFails() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server =
        ScriptedHttpServer.start((request, out) -> {
          try {
            release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        });

    assertThatThrownBy(() ->
            client.send(
                HttpRequest.newBuilder(server.uri("/"))
                    .timeout(Duration.ofMillis(200))
                    .GET()
                    .build()))
        .isInstanceOf(HttpTimeoutException.class);
    release.countDown();
  }

  @Test
  void theConnectionLimitMakesRequestsWaitForAFreeConnection() throws Exception {
    client.close();
    client =
        BlockingHttpClient.create(
            HttpClientSettings.of(Duration.ofMillis(300)).withMaxConnectionsPerOrigin(1));
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab");
          return true;
        });
    HttpResponse open = post("/", "a");

    // The only connection is busy with a body nobody finished reading.
    assertThatThrownBy(() -> post("/", "b"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("busy");
    open.body().close();

    assertThat(client.openConnections(server.uri("/"))).isZero();
  }

  @Test
  void aWaitingRequestGetsTheConnectionOnceTheBodyBeforeItIsDone() throws Exception {
    client.close();
    client =
        BlockingHttpClient.create(HttpClientSettings.of(PATIENCE).withMaxConnectionsPerOrigin(1));
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "ok " + request.text());
          return true;
        });
    HttpResponse first = post("/", "a");
    CompletableFuture<String> second = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try {
            second.complete(text(post("/", "b")));
          } catch (Exception e) {
            second.completeExceptionally(e);
          }
        });

    assertThat(text(first)).isEqualTo("ok a");
    assertThat(second.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("ok b");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void closingTheClientWakesAReaderBlockedOnAStream() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hello\n\n");
          try {
            Thread.sleep(PATIENCE.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        });
    HttpResponse response = client.send(HttpRequest.newBuilder(server.uri("/")).GET().build());
    CompletableFuture<Throwable> reader = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try (InputStream body = response.body()) {
            body.readAllBytes();
            reader.complete(null);
          } catch (IOException e) {
            reader.complete(e);
          }
        });
    await().atMost(PATIENCE).until(() -> response.body().available() == 0);

    client.close();

    assertThat(reader.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(IOException.class);
  }

  @Test
  void closingABodyFromAnotherThreadAbortsTheRead() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
          try {
            Thread.sleep(PATIENCE.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        });
    HttpResponse response = post("/", "x");
    CompletableFuture<Throwable> reader = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          try {
            response.body().readAllBytes();
            reader.complete(null);
          } catch (IOException e) {
            reader.complete(e);
          }
        });
    Thread.sleep(100);

    response.body().close();

    assertThat(reader.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(IOException.class);
    assertThat(client.openConnections(server.uri("/"))).isZero();
  }

  @Test
  void aTrailingLineBreakAfterTheReadPartDoesNotCostTheConnection() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          answer(out, 200, "{\"a\":1}\n");
          return true;
        });

    for (int i = 0; i < 2; i++) {
      HttpResponse response = post("/", "x");
      try (InputStream body = response.body()) {
        assertThat(body.readNBytes(7)).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
      }
    }

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void redirectsAreFollowedOnTheSameHostOnly() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          switch (request.target()) {
            case "/mcp" -> answer(out, 307, "", "Location: /mcp/");
            case "/mcp/" -> answer(out, 200, "moved " + request.method() + " " + request.text());
            case "/away" -> answer(out, 308, "", "Location: http://localhost:1/elsewhere");
            case "/see-other" -> answer(out, 303, "", "Location: /mcp/");
            default -> answer(out, 404, "");
          }
          return true;
        });

    assertThat(text(post("/mcp", "body"))).isEqualTo("moved POST body");
    assertThat(text(post("/see-other", "body"))).isEqualTo("moved GET ");
    HttpResponse away = post("/away", "body");
    assertThat(away.statusCode()).isEqualTo(308);
    assertThat(away.headers().firstValue("location")).contains("http://localhost:1/elsewhere");
  }

  @Test
  void interimAnswersAreSkipped() throws Exception {
    server =
        ScriptedHttpServer.start((request, out) -> {
          write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
          return true;
        });

    HttpResponse response = post("/", "x");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(text(response)).isEqualTo("ok");
  }

  @Test
  void nothingListeningIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() ->
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void headersThatWouldBreakTheFramingAreRefused() {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/"));

    assertThatThrownBy(() -> builder.header("Content-Length", "5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.header("X-Token", "a\r\nInjected: yes"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.header("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpRequest.newBuilder(URI.create("ftp://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedClientRefusesRequests() {
    client.close();

    assertThatThrownBy(
            () -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
  }
}
