package dev.gatehouse.testkit;

import dev.gatehouse.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.node.ObjectNode;

/** Collects what a {@link TestServer} offers; get one from {@link TestServer#builder()}. */
public final class TestServerBuilder {

  ObjectNode serverInfo = info("gatehouse-test-server", "0.0.0");
  Optional<String> instructions = Optional.empty();
  Optional<ObjectNode> capabilities = Optional.empty();
  int pageSize;
  Duration clientRequestTimeout = Duration.ofSeconds(60);
  final Listing<TestServer.ToolEntry> tools = new Listing<>();
  final Listing<TestServer.PromptEntry> prompts = new Listing<>();
  final Listing<TestServer.ResourceEntry> resources = new Listing<>();
  final Listing<TestServer.TemplateEntry> templates = new Listing<>();
  Optional<CompletionHandler> completion = Optional.empty();
  final Map<String, MethodHandler> methods = new ConcurrentHashMap<>();
  final List<FaultRule> faults = new CopyOnWriteArrayList<>();

  TestServerBuilder() {}

  public TestServerBuilder serverInfo(String name, String version) {
    return serverInfo(info(name, version));
  }

  /** The whole {@code serverInfo} object (title, icons, websiteUrl, any extra field ...). */
  public TestServerBuilder serverInfo(ObjectNode info) {
    this.serverInfo = info.deepCopy();
    return this;
  }

  public TestServerBuilder instructions(String text) {
    this.instructions = Optional.of(text);
    return this;
  }

  /**
   * The exact {@code capabilities} to announce. By default they follow what was registered: tools
   * and logging always, prompts, resources (with subscribe) and completions when present.
   */
  public TestServerBuilder capabilities(ObjectNode capabilities) {
    this.capabilities = Optional.of(capabilities.deepCopy());
    return this;
  }

  /** Items per page of every list method; 0 (the default) returns whole lists. */
  public TestServerBuilder pageSize(int pageSize) {
    if (pageSize < 0) {
      throw new IllegalArgumentException("pageSize must be >= 0");
    }
    this.pageSize = pageSize;
    return this;
  }

  /** How long a handler waits for the client to answer a sampling, elicitation or roots request. */
  public TestServerBuilder clientRequestTimeout(Duration timeout) {
    this.clientRequestTimeout = timeout;
    return this;
  }

  public TestServerBuilder tool(
      String name, String description, ObjectNode inputSchema, ToolHandler h) {
    ObjectNode descriptor = Json.object();
    descriptor.put("name", name);
    descriptor.put("description", description);
    descriptor.set("inputSchema", inputSchema);
    return tool(descriptor, h);
  }

  /** A tool with its whole descriptor (outputSchema, annotations, icons, _meta, ...). */
  public TestServerBuilder tool(ObjectNode descriptor, ToolHandler handler) {
    tools.put(
        TestServer.name(descriptor, "name"),
        new TestServer.ToolEntry(descriptor.deepCopy(), handler));
    return this;
  }

  /** A prompt with its whole descriptor ({@code name}, {@code description}, {@code arguments}). */
  public TestServerBuilder prompt(ObjectNode descriptor, PromptHandler handler) {
    prompts.put(
        TestServer.name(descriptor, "name"),
        new TestServer.PromptEntry(descriptor.deepCopy(), handler));
    return this;
  }

  /** A resource with its whole descriptor ({@code uri}, {@code name}, {@code mimeType} ...). */
  public TestServerBuilder resource(ObjectNode descriptor, ResourceReader reader) {
    resources.put(
        TestServer.name(descriptor, "uri"),
        new TestServer.ResourceEntry(descriptor.deepCopy(), reader));
    return this;
  }

  /** A fixed text resource. */
  public TestServerBuilder textResource(String uri, String name, String mimeType, String text) {
    ObjectNode descriptor = Json.object();
    descriptor.put("uri", uri);
    descriptor.put("name", name);
    descriptor.put("description", name);
    descriptor.put("mimeType", mimeType);
    return resource(
        descriptor, (u, ctx) -> Content.readResult(Content.textContents(uri, mimeType, text)));
  }

  /** A resource template; its descriptor needs {@code uriTemplate} and {@code name}. */
  public TestServerBuilder resourceTemplate(ObjectNode descriptor, TemplateReader reader) {
    UriTemplate template = UriTemplate.of(TestServer.name(descriptor, "uriTemplate"));
    templates.put(
        template.toString(), new TestServer.TemplateEntry(descriptor.deepCopy(), template, reader));
    return this;
  }

  public TestServerBuilder completion(CompletionHandler handler) {
    this.completion = Optional.of(handler);
    return this;
  }

  /** Answers {@code method} with {@code handler}, replacing the built-in behaviour if any. */
  public TestServerBuilder method(String method, MethodHandler handler) {
    methods.put(method, handler);
    return this;
  }

  public TestServerBuilder fault(FaultRule rule) {
    faults.add(rule);
    return this;
  }

  public TestServer build() {
    return new TestServer(this);
  }

  private static ObjectNode info(String name, String version) {
    ObjectNode info = Json.object();
    info.put("name", name);
    info.put("version", version);
    return info;
  }
}
