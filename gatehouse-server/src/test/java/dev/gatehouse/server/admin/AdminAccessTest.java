package dev.gatehouse.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.admin.AdminClient.Answer;
import dev.gatehouse.store.InMemoryStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminAccessTest {
  private static final String TOKEN = "s3cret-admin-token";
  private AdminServer server;

  /** Stands for the admin servlets others mount next to this API. */
  static final class OtherAdminServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/json");
      resp.getWriter().write("{\"pending\": []}");
    }
  }

  @BeforeEach
  void start() {
    server =
        new AdminServer(
            InMemoryStore.create(),
            List.of(),
            api -> api.adminToken(Optional.of(TOKEN)),
            http -> http.servlet("/admin/hil/*", new OtherAdminServlet()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyAdminRouteNeedsTheBearerToken() {
    for (String path :
        List.of(
            "/admin/servers",
            "/admin/status",
            "/admin/openapi.json",
            "/admin/docs",
            "/admin/hil/pending",
            "/admin/nothing")) {
      Answer answer = server.client().get(path);
      assertThat(answer.status()).as(path).isEqualTo(401);
      assertThat(answer.raw().headers().firstValue("WWW-Authenticate").orElse(""))
          .as(path)
          .startsWith("Bearer");
      assertThat(answer.errorCode()).isEqualTo("unauthorized");
    }
    assertThat(server.client().post("/admin/reload").status()).isEqualTo(401);
    assertThat(server.client().withToken("wrong").get("/admin/servers").status()).isEqualTo(401);
    assertThat(server.client().withToken(TOKEN + "x").get("/admin/servers").status())
        .isEqualTo(401);
    Answer basic =
        server
            .client()
            .send(
                server
                    .client()
                    .builder("/admin/servers")
                    .header("Authorization", "Basic " + TOKEN));
    assertThat(basic.status()).isEqualTo(401);
  }

  @Test
  void theRightTokenPasses() {
    AdminClient admin = server.client().withToken(TOKEN);
    assertThat(admin.get("/admin/servers").status()).isEqualTo(200);
    assertThat(admin.get("/admin/hil/pending").status()).isEqualTo(200);
    assertThat(admin.post("/admin/reload").status()).isEqualTo(200);
  }

  @Test
  void aBrowserSignsInOnceWithTheTokenInTheAddressAndThenUsesACookie() {
    Answer wrong = server.client().get("/admin/hil/pending?token=nope");
    assertThat(wrong.status()).isEqualTo(401);

    Answer signIn = server.client().get("/admin/hil/pending?token=" + TOKEN);
    assertThat(signIn.status()).isEqualTo(303);
    assertThat(signIn.raw().headers().firstValue("Location")).contains("/admin/hil/pending");
    String cookie = signIn.raw().headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/admin");

    AdminClient browser = server.client();
    Answer page =
        browser.send(browser.builder("/admin/hil/pending").header("Cookie", cookie.split(";")[0]));
    assertThat(page.status()).isEqualTo(200);
    Answer forged =
        browser.send(browser.builder("/admin/servers").header("Cookie", "gatehouse_admin=nope"));
    assertThat(forged.status()).isEqualTo(401);
  }

  @Test
  void healthStaysOpen() {
    assertThat(server.client().get("/healthz").status()).isEqualTo(200);
  }

  @Test
  void aForeignOriginIsRefusedEvenWithTheToken() {
    AdminClient admin = server.client().withToken(TOKEN);
    Answer answer =
        admin.send(admin.builder("/admin/servers").header("Origin", "https://evil.example"));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCode()).isEqualTo("forbidden_origin");
  }

  @Test
  void aForeignHostIsRefused() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.http.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /admin/servers HTTP/1.1\r\nHost: rebound.example\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 403");
      assertThat(response).contains("forbidden_host");
    }
  }

  @Test
  void aPageOfThisServerOnANamedHostMayCallBack() throws IOException {
    try (AdminServer named =
        new AdminServer(
            InMemoryStore.create(),
            List.of(),
            api ->
                api.guard(
                    dev.gatehouse.server.http.HttpTransportOptions.builder()
                        .allowHost("gw.example")
                        .build()))) {
      String host = "gw.example:" + named.http.port();
      assertThat(rawGet(named, host, "http://" + host)).startsWith("HTTP/1.1 200");
      assertThat(rawGet(named, host, "http://elsewhere.example")).startsWith("HTTP/1.1 403");
    }
  }

  private static String rawGet(AdminServer target, String host, String origin) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", target.http.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /admin/servers HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nOrigin: "
                  + origin
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void registrationIsAbsentWithoutItsToken() {
    AdminClient admin = server.client().withToken(TOKEN);
    assertThat(admin.get("/registry/servers").status()).isEqualTo(404);
  }
}
