package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.Implementation;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An MCP Java SDK client connected over Streamable HTTP, that answers sampling and elicitation with
 * fixed replies and records everything the server sent it on its own.
 */
final class SdkClient implements AutoCloseable {
  static final String MODEL = "fixture-model";
  static final String ELICITED_NAME = "Ada Lovelace";
  static final String SAMPLE_PREFIX = "sampled: ";

  /** Long enough never to fire in a passing test; only stops a broken one from hanging. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final McpSyncClient sdk;
  private final RecordingTransport transport;
  private final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private final List<CreateMessageRequest> samplingRequests = new CopyOnWriteArrayList<>();
  private final List<ElicitFormRequest> elicitations = new CopyOnWriteArrayList<>();
  private final List<List<Tool>> toolListChanges = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch samplingGate = new CountDownLatch(0);

  private SdkClient(URI endpoint) {
    String base = endpoint.getScheme() + "://" + endpoint.getAuthority();
    transport =
        new RecordingTransport(
            HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint.getPath())
                .jsonMapper(FixtureJson.MAPPER)
                .build());
    sdk =
        McpClient.sync(transport)
            .clientInfo(Implementation.builder("gatehouse-it-sdk-client", "1.0.0").build())
            .capabilities(ClientCapabilities.builder().sampling().elicitation().build())
            .requestTimeout(REQUEST_TIMEOUT)
            .initializationTimeout(REQUEST_TIMEOUT)
            .sampling(this::sample)
            .elicitation(this::elicit)
            .progressConsumer(progress::add)
            .toolsChangeConsumer(toolListChanges::add)
            .build();
  }

  /** Connects and runs the handshake. */
  static SdkClient connect(URI endpoint) {
    SdkClient client = new SdkClient(endpoint);
    try {
      client.sdk.initialize();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return client;
  }

  McpSyncClient sdk() {
    return sdk;
  }

  RecordingTransport transport() {
    return transport;
  }

  List<ProgressNotification> progress() {
    return progress;
  }

  List<CreateMessageRequest> samplingRequests() {
    return samplingRequests;
  }

  List<ElicitFormRequest> elicitations() {
    return elicitations;
  }

  /** The tool lists the SDK fetched after each {@code notifications/tools/list_changed}. */
  List<List<Tool>> toolListChanges() {
    return toolListChanges;
  }

  /**
   * Makes the sampling handler count this latch down and wait for it to reach zero before it
   * answers, so requests from several clients are provably outstanding at the same time.
   */
  void holdSamplingUntil(CountDownLatch gate) {
    samplingGate = gate;
  }

  private CreateMessageResult sample(CreateMessageRequest request) {
    samplingRequests.add(request);
    CountDownLatch gate = samplingGate;
    gate.countDown();
    try {
      if (!gate.await(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the other sampling requests never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding a sampling request", e);
    }
    String asked =
        request.messages().getFirst().content() instanceof TextContent text ? text.text() : "?";
    return new CreateMessageResult(
        Role.ASSISTANT,
        TextContent.builder(SAMPLE_PREFIX + asked).build(),
        MODEL,
        CreateMessageResult.StopReason.END_TURN);
  }

  private ElicitResult elicit(ElicitFormRequest request) {
    elicitations.add(request);
    return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("name", ELICITED_NAME));
  }

  @Override
  public void close() {
    sdk.close();
  }
}
