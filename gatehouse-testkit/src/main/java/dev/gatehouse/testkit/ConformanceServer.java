package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.DownstreamSession;
import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.endpoint.McpHandler;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.protocol.Request;
import dev.gatehouse.protocol.Response;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixture upstream for the official MCP conformance suite ({@code
 * @modelcontextprotocol/conformance} 0.1.16): every tool, prompt, resource and utility its server
 * scenarios ask for, under the names they call. Run it with {@link ConformanceServerMain}; the
 * suite scores it directly and through the gateway, and the two summaries must match.
 *
 * <p>The {@code dns-rebinding-protection} and {@code server-sse-multiple-streams} scenarios test the
 * HTTP transport, not this handler.
 */
public final class ConformanceServer implements McpHandler, AutoCloseable {
  private final TestServer server;

  private ConformanceServer(TestServer server) {
    this.server = server;
  }

  public static ConformanceServer create() {
    TestServerBuilder builder = TestServer.builder();
    register(builder);
    return new ConformanceServer(builder.build());
  }

  /** Adds the conformance fixtures to a builder, so a test can extend them with its own. */
  public static TestServerBuilder register(TestServerBuilder builder) {
    builder.serverInfo("gatehouse-conformance-server", "1.0.0");
    ConformanceTools.register(builder);
    registerResources(builder);
    registerPrompts(builder);
    builder.completion(ConformanceServer::complete);
    return builder;
  }

  /** The underlying test server: what it received, faults, notifications to push. */
  public TestServer testServer() {
    return server;
  }

  @Override
  public Response handle(Request request, Exchange exchange) {
    return server.handle(request, exchange);
  }

  @Override
  public void onNotification(Notification notification, Exchange exchange) {
    server.onNotification(notification, exchange);
  }

  @Override
  public void onSessionClosed(DownstreamSession session) {
    server.onSessionClosed(session);
  }

  @Override
  public void close() {
    server.close();
  }

  private static void registerResources(TestServerBuilder b) {
    b.textResource(
        "test://static-text",
        "static-text",
        "text/plain",
        "This is the content of the static text resource.");
    ObjectNode binary = Json.object();
    binary.put("uri", "test://static-binary");
    binary.put("name", "static-binary");
    binary.put("description", "A static binary resource (a 1x1 PNG)");
    binary.put("mimeType", "image/png");
    b.resource(
        binary,
        (uri, ctx) ->
            Content.readResult(Content.blobContents(uri, "image/png", SampleMedia.RED_PIXEL_PNG)));
    b.textResource(
        "test://watched-resource", "watched-resource", "text/plain", "Watched resource content");
    ObjectNode template = Json.object();
    template.put("uriTemplate", "test://template/{id}/data");
    template.put("name", "template-data");
    template.put("description", "Data for an id, read through a resource template");
    template.put("mimeType", "application/json");
    b.resourceTemplate(
        template,
        (uri, vars, ctx) -> {
          ObjectNode data = Json.object();
          data.put("id", vars.get("id"));
          data.put("templateTest", true);
          data.put("data", "Data for ID: " + vars.get("id"));
          return Content.readResult(Content.textContents(uri, "application/json", Json.text(data)));
        });
  }

  private static void registerPrompts(TestServerBuilder b) {
    b.prompt(
        prompt("test_simple_prompt", "A simple prompt without arguments"),
        (args, ctx) ->
            Content.promptResult(
                Content.message("user", Content.text("This is a simple prompt for testing."))));
    b.prompt(
        prompt(
            "test_prompt_with_arguments", "A prompt with two required arguments", "arg1", "arg2"),
        (args, ctx) ->
            Content.promptResult(
                Content.message(
                    "user",
                    Content.text(
                        "Prompt with arguments: arg1='"
                            + Json.string(args, "arg1").orElse("")
                            + "', arg2='"
                            + Json.string(args, "arg2").orElse("")
                            + "'"))));
    b.prompt(
        prompt(
            "test_prompt_with_embedded_resource", "A prompt that embeds a resource", "resourceUri"),
        (args, ctx) ->
            Content.promptResult(
                Content.message(
                    "user",
                    Content.embeddedText(
                        Json.string(args, "resourceUri").orElse("test://example-resource"),
                        "text/plain",
                        "Embedded resource content for testing.")),
                Content.message(
                    "user", Content.text("Please process the embedded resource above."))));
    b.prompt(
        prompt("test_prompt_with_image", "A prompt with an image"),
        (args, ctx) ->
            Content.promptResult(
                Content.message("user", Content.image(SampleMedia.RED_PIXEL_PNG, "image/png")),
                Content.message("user", Content.text("Please analyze the image above."))));
  }

  private static ObjectNode prompt(String name, String description, String... requiredArgs) {
    ObjectNode prompt = Json.object();
    prompt.put("name", name);
    prompt.put("description", description);
    if (requiredArgs.length > 0) {
      var arguments = prompt.putArray("arguments");
      for (String arg : requiredArgs) {
        ObjectNode argument = arguments.addObject();
        argument.put("name", arg);
        argument.put("description", "The " + arg + " argument");
        argument.put("required", true);
      }
    }
    return prompt;
  }

  /** Suggests values that start with what was typed, from a small fixed list. */
  private static ObjectNode complete(ObjectNode params, RequestContext ctx) {
    String typed = params.path("argument").path("value").asString("");
    List<String> values =
        List.of("paris", "park", "party", "test", "testing").stream()
            .filter(v -> v.startsWith(typed))
            .toList();
    ObjectNode result = Json.object();
    ObjectNode completion = result.putObject("completion");
    values.forEach(completion.putArray("values")::add);
    completion.put("total", values.size());
    completion.put("hasMore", false);
    return result;
  }
}
