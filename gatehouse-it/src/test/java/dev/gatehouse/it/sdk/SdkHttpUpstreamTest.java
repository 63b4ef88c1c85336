package dev.gatehouse.it.sdk;

import static dev.gatehouse.it.sdk.SdkResults.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The interop contract with the SDK server behind the gateway over Streamable HTTP, plus what only
 * this transport promises: a server-to-client request travels on the stream of the call that caused
 * it, so the gateway knows exactly which client to ask.
 */
final class SdkHttpUpstreamTest extends SdkInteropContract {
  private HttpFixtureUpstream upstream;

  @Override
  ObjectNode startUpstream() throws Exception {
    upstream = HttpFixtureUpstream.start();
    return FixtureGateway.http(upstream.uri());
  }

  @Test
  void concurrentSamplingGoesToTheClientWhoseCallAskedForIt() throws Exception {
    CountDownLatch bothAsked = new CountDownLatch(2);
    try (SdkClient other = SdkClient.connect(gatewayUri());
        var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      client().holdSamplingUntil(bothAsked);
      other.holdSamplingUntil(bothAsked);
      try {
        Future<CallToolResult> mine = executor.submit(() -> sample(client(), "mine"));
        Future<CallToolResult> theirs = executor.submit(() -> sample(other, "theirs"));

        assertThat(text(mine.get(60, TimeUnit.SECONDS)))
            .isEqualTo(SdkClient.SAMPLE_PREFIX + "mine");
        assertThat(text(theirs.get(60, TimeUnit.SECONDS)))
            .isEqualTo(SdkClient.SAMPLE_PREFIX + "theirs");
      } finally {
        client().holdSamplingUntil(new CountDownLatch(0));
      }
    }
  }

  private static CallToolResult sample(SdkClient client, String prompt) {
    return client
        .sdk()
        .callTool(
            CallToolRequest.builder(exposed("sample")).arguments(Map.of("prompt", prompt)).build());
  }

  @Override
  void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
  }
}
