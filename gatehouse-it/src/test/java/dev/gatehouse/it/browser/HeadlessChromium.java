package dev.gatehouse.it.browser;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headless Chromium driven over the W3C WebDriver protocol: chromedriver on a loopback port, one
 * browser session with a fresh profile, plain HTTP calls. Closing it ends the session, stops the
 * driver and the browser, and deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Process driver;
  private final Path profile;
  private final Path driverLog;
  private final URI base;
  private String session;

  private HeadlessChromium(Process driver, Path profile, Path driverLog, URI base) {
    this.driver = driver;
    this.profile = profile;
    this.driverLog = driverLog;
    this.base = base;
  }

  /** Installs the browser if needed, starts chromedriver and opens a browser session. */
  public static HeadlessChromium start() throws IOException {
    BrowserInstall.Binaries binaries = BrowserInstall.ensure();
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    Path log = Files.createTempFile("chromedriver", ".log");
    Process driver =
        new ProcessBuilder(binaries.chromedriver().toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HeadlessChromium browser =
        new HeadlessChromium(driver, profile, log, URI.create("http://127.0.0.1:" + port + "/"));
    try {
      browser.awaitDriver();
      browser.openSession(binaries.chromium());
    } catch (RuntimeException | IOException e) {
      browser.close();
      throw e;
    }
    return browser;
  }

  public void open(URI url) {
    command("POST", "session/" + session + "/url", Json.object().put("url", url.toString()));
  }

  /** The elements matching a CSS selector, as WebDriver element ids. */
  public List<String> find(String css) {
    JsonNode found =
        command(
            "POST",
            "session/" + session + "/elements",
            Json.object().put("using", "css selector").put("value", css));
    List<String> ids = new ArrayList<>();
    found.forEach(e -> ids.add(e.path(ELEMENT).asString()));
    return ids;
  }

  public String text(String element) {
    return command("GET", "session/" + session + "/element/" + element + "/text", null)
        .asString("");
  }

  public boolean displayed(String element) {
    return command("GET", "session/" + session + "/element/" + element + "/displayed", null)
        .asBoolean(false);
  }

  public void click(String element) {
    command("POST", "session/" + session + "/element/" + element + "/click", Json.object());
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        command("DELETE", "session/" + session, null);
      }
    } catch (RuntimeException ignored) {
      // The driver is stopped below whatever happened to the session.
    } finally {
      driver.descendants().forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
      try {
        driver.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      delete(profile);
      try {
        Files.deleteIfExists(driverLog);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }

  private void awaitDriver() throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!driver.isAlive()) {
        throw new IOException("chromedriver exited: " + Files.readString(driverLog));
      }
      try {
        HttpResponse<String> status =
            http.send(
                HttpRequest.newBuilder(base.resolve("status"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (Json.parse(status.body()).path("value").path("ready").asBoolean(false)) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException("chromedriver was not ready within 60 s: " + Files.readString(driverLog));
  }

  private void openSession(Path chromium) {
    ObjectNode options = Json.object().put("binary", chromium.toString());
    var args = options.putArray("args");
    FLAGS.forEach(args::add);
    args.add("--user-data-dir=" + profile);
    ObjectNode body = Json.object();
    ObjectNode match = body.putObject("capabilities").putObject("alwaysMatch");
    match.put("browserName", "chrome");
    match.set("goog:chromeOptions", options);
    session = command("POST", "session", body).path("sessionId").asString();
  }

  private JsonNode command(String method, String path, ObjectNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode value = Json.parse(response.body()).path("value");
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "WebDriver "
                + method
                + " "
                + path
                + " failed: "
                + value.path("error").asString()
                + ": "
                + value.path("message").asString());
      }
      return value;
    } catch (IOException e) {
      throw new IllegalStateException("WebDriver " + method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory
    }
  }
}
