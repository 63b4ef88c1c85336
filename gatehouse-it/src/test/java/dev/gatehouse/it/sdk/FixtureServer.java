package dev.gatehouse.it.sdk;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An MCP Java SDK server with one of every feature the interop tests need, built on whatever SDK
 * transport the caller chose: the tools of {@link FixtureTools}, a resource, a resource template, a
 * prompt with an argument and completion for that argument.
 */
final class FixtureServer {
  static final String GREETING_URI = "fixture://greeting";
  static final String GREETING_TEXT = "Hello from the SDK fixture";
  static final String ITEM_TEMPLATE = "fixture://items/{id}";
  static final String ITEM_PREFIX = "fixture://items/";
  static final List<String> NAMES = List.of("Ada", "Alan", "Barbara", "Grace");

  private FixtureServer() {}

  /**
   * @param spec the SDK's builder for the chosen transport
   * @param inbound the notifications the transport saw arrive
   * @param extraTools tools only this transport's fixture offers
   */
  static McpSyncServer build(
      McpServer.SyncSpecification<?> spec,
      InboundNotifications inbound,
      List<SyncToolSpecification> extraTools) {
    AtomicReference<McpSyncServer> self = new AtomicReference<>();
    List<SyncToolSpecification> tools = new ArrayList<>(FixtureTools.all(inbound, self::get));
    tools.addAll(extraTools);
    McpSyncServer server =
        spec.serverInfo("gatehouse-it-sdk-fixture", "1.0.0")
            .capabilities(
                ServerCapabilities.builder()
                    .tools(true)
                    .resources(false, true)
                    .prompts(true)
                    .completions()
                    .logging()
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .tools(tools)
            .resources(greeting())
            .resourceTemplates(item())
            .prompts(greet())
            .completions(greetCompletion())
            .build();
    self.set(server);
    return server;
  }

  private static SyncResourceSpecification greeting() {
    return new SyncResourceSpecification(
        Resource.builder(GREETING_URI, "greeting")
            .title("Greeting")
            .description("A fixed text")
            .mimeType("text/plain")
            .build(),
        (exchange, request) -> contents(request.uri(), "text/plain", GREETING_TEXT));
  }

  private static SyncResourceTemplateSpecification item() {
    return new SyncResourceTemplateSpecification(
        ResourceTemplate.builder(ITEM_TEMPLATE, "item")
            .description("An item by id")
            .mimeType("application/json")
            .build(),
        (exchange, request) -> {
          String id = request.uri().substring(ITEM_PREFIX.length());
          return contents(request.uri(), "application/json", "{\"id\":\"" + id + "\"}");
        });
  }

  private static SyncPromptSpecification greet() {
    return new SyncPromptSpecification(
        Prompt.builder("greet")
            .description("Greets someone")
            .arguments(
                List.of(
                    PromptArgument.builder("name")
                        .description("Who to greet")
                        .required(true)
                        .build()))
            .build(),
        (exchange, request) ->
            GetPromptResult.builder(
                    List.of(
                        new PromptMessage(
                            Role.USER,
                            TextContent.builder("Hello, " + request.arguments().get("name") + "!")
                                .build())))
                .description("A greeting")
                .build());
  }

  /** A read result with one text item. */
  static ReadResourceResult contents(String uri, String mimeType, String text) {
    return ReadResourceResult.builder(
            List.of(TextResourceContents.builder(uri, text).mimeType(mimeType).build()))
        .build();
  }

  private static SyncCompletionSpecification greetCompletion() {
    return new SyncCompletionSpecification(
        new PromptReference("greet"),
        (exchange, request) -> {
          List<String> matches =
              NAMES.stream().filter(n -> n.startsWith(request.argument().value())).toList();
          return new CompleteResult(new CompleteCompletion(matches, matches.size(), false));
        });
  }
}
