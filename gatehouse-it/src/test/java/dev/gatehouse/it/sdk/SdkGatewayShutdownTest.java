package dev.gatehouse.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.cli.Daemon;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping the gateway while a client's call is still running upstream. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class SdkGatewayShutdownTest {

  /**
   * The call should end with a JSON-RPC error from the gateway and close() should return quietly.
   * Today Daemon.close() stops the HTTP server first, whose graceful stop waits its full 5 s for
   * the call, which waits on an upstream that is only closed afterwards; then Jetty's
   * TimeoutException surfaces as an IllegalStateException, and the client's stream is dropped
   * without an answer, so the SDK client only gives up at its own request timeout.
   */
  @Test
  void closingTheGatewayDuringACallEndsTheCallWithoutThrowing() throws Exception {
    try (HttpFixtureUpstream http = HttpFixtureUpstream.start();
        var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      Daemon gateway = FixtureGateway.start(Map.of("sdk", FixtureGateway.http(http.uri())));
      try (SdkClient client = SdkClient.connect(gateway.mcpUri())) {
        FixtureGateway.awaitTools(gateway, "sdk_slow");
        CompletableFuture<CallToolResult> call =
            CompletableFuture.supplyAsync(
                () ->
                    client
                        .sdk()
                        .callTool(
                            CallToolRequest.builder("sdk_slow")
                                .arguments(Map.of())
                                .progressToken("shutdown")
                                .build()),
                executor);
        await().atMost(Duration.ofSeconds(30)).until(() -> !client.progress().isEmpty());

        assertThatCode(gateway::close).doesNotThrowAnyException();

        assertThat(call)
            .failsWithin(Duration.ofSeconds(60))
            .withThrowableOfType(ExecutionException.class)
            .havingCause()
            .isInstanceOf(McpError.class);
      } finally {
        gateway.close();
      }
    }
  }
}
