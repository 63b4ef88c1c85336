package dev.gatehouse.httpclient;

import static dev.gatehouse.httpclient.ScriptedHttpServer.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https upstreams: a server with a certificate made for the test by the JDK's keytool. */
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir static Path folder;
  private static KeyStore keys;

  private ScriptedHttpServer server;
  private BlockingHttpClient client;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = folder.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void startServer() throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    SSLServerSocket socket =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    server =
        ScriptedHttpServer.on(
            socket,
            (request, out) -> {
              answer(out, 200, "secret " + request.text());
              return true;
            });
  }

  private static SSLContext trusting(KeyStore store) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private String post(URI uri, String body) throws Exception {
    HttpResponse response =
        client.send(
            HttpRequest.newBuilder(uri).POST(body.getBytes(StandardCharsets.UTF_8)).build());
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void httpsWithATrustedCertificateWorksOverOneConnection() throws Exception {
    startServer();
    client = BlockingHttpClient.create(HttpClientSettings.of(PATIENCE).withTls(trusting(keys)));

    assertThat(post(server.uri("/mcp"), "a")).isEqualTo("secret a");
    assertThat(post(server.uri("/mcp"), "b")).isEqualTo("secret b");

    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void anUntrustedCertificateIsRefused() throws Exception {
    startServer();
    client = BlockingHttpClient.create(HttpClientSettings.of(PATIENCE));

    assertThatThrownBy(() -> post(server.uri("/mcp"), "a")).isInstanceOf(IOException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aCertificateForAnotherNameIsRefused() throws Exception {
    startServer();
    client = BlockingHttpClient.create(HttpClientSettings.of(PATIENCE).withTls(trusting(keys)));
    // The certificate names 127.0.0.1; "localhost" is the same socket under another name.
    URI other = URI.create("https://localhost:" + server.port() + "/mcp");

    assertThatThrownBy(() -> post(other, "a")).isInstanceOf(IOException.class);
    assertThat(server.requests()).isEmpty();
  }
}
