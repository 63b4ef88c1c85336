package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fake upstream in a static field serves the whole class and is reset between tests. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedFakeUpstreamTest {
  private static URI firstUrl;

  @RegisterExtension
  static final FakeUpstreamExtension upstream =
      FakeUpstreamExtension.of(() ->
          TestServer.builder()
              .fault(FaultRule.always("ping", Fault.error(-32000, "scripted")))
              .build());

  @Test
  @Order(1)
  void first() throws Exception {
    firstUrl = upstream.url();
    upstream.server().clearFaults();
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      client.initialize();
      assertThat(client.call("ping", null).isError()).isFalse();
    }
    assertThat(upstream.requests("ping")).hasSize(1);
  }

  @Test
  @Order(2)
  void second() throws Exception {
    assertThat(upstream.url()).isEqualTo(firstUrl);
    assertThat(upstream.requests("ping")).isEmpty();
    assertThat(upstream.httpRequests()).isEmpty();
    try (McpHttpClient client = new McpHttpClient(upstream.url())) {
      client.initialize();
      assertThat(client.call("ping", null).isError()).isTrue();
    }
  }
}
