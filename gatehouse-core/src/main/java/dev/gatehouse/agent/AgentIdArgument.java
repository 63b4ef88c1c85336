package dev.gatehouse.agent;

import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.PreCallHook;
import dev.gatehouse.hook.ToolCall;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code agent_id} argument agents of agent-mcp-gateway pass to name themselves. It is read
 * where trusted and always removed before a call goes upstream: by the agent endpoint from every
 * {@code tools/call}, and by this pre-call hook from calls made on the caller's behalf (the
 * arguments {@code execute_tool} forwards).
 */
public final class AgentIdArgument implements PreCallHook {
  /** The argument's name. */
  public static final String NAME = "agent_id";

  static final AgentIdArgument HOOK = new AgentIdArgument();

  private AgentIdArgument() {}

  /** Removes {@code agent_id} from the arguments and returns what it held, if a string. */
  static Optional<String> take(ObjectNode arguments) {
    JsonNode value = arguments.remove(NAME);
    if (value == null || !value.isString() || value.stringValue().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(value.stringValue().strip());
  }

  @Override
  public Decision before(ToolCall call) {
    if (!call.arguments().has(NAME)) {
      return Decision.proceed();
    }
    ObjectNode stripped = call.arguments().deepCopy();
    stripped.remove(NAME);
    return Decision.rewrite(stripped);
  }
}
