package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Request;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} served over Streamable HTTP on 127.0.0.1 with an ephemeral port, as a JUnit
 * extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeUpstreamExtension upstream =
 *     FakeUpstreamExtension.of(() -> TestServer.builder().tool(...).build());
 *
 * @Test
 * void forwards() {
 *   connectGatewayTo(upstream.url());
 *   ...
 *   assertThat(upstream.requests("tools/call")).hasSize(1);
 * }
 * }</pre>
 *
 * In a static field the server runs for the whole class and is {@link TestServer#reset() reset}
 * after each test; in an instance field each test gets a fresh server. It is stopped in both cases.
 */
public final class FakeUpstreamExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Supplier<TestServer> factory;
  private TestServer server;
  private HttpTestServer http;
  private boolean perClass;
  private int nestedClasses;

  private FakeUpstreamExtension(Supplier<TestServer> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** Serves a server built by {@code factory} (called once per start). */
  public static FakeUpstreamExtension of(Supplier<TestServer> factory) {
    return new FakeUpstreamExtension(factory);
  }

  /**
   * Serves {@code server} itself, for tests that hold on to it; in an instance field the one server
   * is reset and served again for each test.
   */
  public static FakeUpstreamExtension of(TestServer server) {
    return new FakeUpstreamExtension(() -> server);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (http != null) {
      nestedClasses++; // A @Nested class shares the outer class's server.
      return;
    }
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (nestedClasses > 0) {
      nestedClasses--;
      return;
    }
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perClass) {
      server.reset();
      http.clearHttpRequests();
    } else {
      stop();
    }
  }

  /** {@code http://127.0.0.1:<port>/mcp}. */
  public URI url() {
    return running().url();
  }

  public int port() {
    return running().port();
  }

  /** The server being served: scripting, faults, pushed notifications. */
  public TestServer server() {
    running();
    return server;
  }

  /** The MCP requests received for one method, in arrival order. */
  public List<Request> requests(String method) {
    return server().requests(method);
  }

  /** The HTTP requests received, with their headers and bodies. */
  public List<RecordedHttpRequest> httpRequests() {
    return running().httpRequests();
  }

  /** Ends every session, as a restarted upstream would. */
  public void forgetSessions() {
    running().forgetSessions();
  }

  private HttpTestServer running() {
    if (http == null) {
      throw new IllegalStateException("the fake upstream runs only while a test runs");
    }
    return http;
  }

  private void start() {
    server = factory.get();
    server.reset(); // The same instance may come back from the factory after a stop.
    http = HttpTestServer.start(server);
  }

  private void stop() {
    if (http != null) {
      server.close();
      http.close();
      http = null;
    }
  }
}
