package dev.gatehouse.it.sdk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper every SDK peer in these tests uses.
 *
 * <p>SDK 2.0.1 is built against Jackson 3.1, and this project uses Jackson 3.2, which refuses a
 * type id property that is also a regular property (jackson-databind #1410, fixed in 3.2.0). The
 * SDK's {@code ElicitRequest} declares {@code mode} both ways, so with the default mapper an SDK
 * server cannot send {@code elicitation/create} at all: the message fails to serialize and, over
 * stdio, the server's writer stops for good. A mix-in declares {@code mode} as the existing
 * property it is.
 */
final class FixtureJson {
  static final McpJsonMapper MAPPER =
      new JacksonMcpJsonMapper(
          JsonMapper.builder()
              .addMixIn(McpSchema.ElicitRequest.class, ElicitRequestTypeInfo.class)
              .build());

  private FixtureJson() {}

  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.EXISTING_PROPERTY,
      property = "mode",
      visible = true,
      defaultImpl = McpSchema.ElicitFormRequest.class)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = McpSchema.ElicitFormRequest.class, name = "form"),
    @JsonSubTypes.Type(value = McpSchema.ElicitUrlRequest.class, name = "url")
  })
  private interface ElicitRequestTypeInfo {}
}
