package dev.gatehouse.hook;

import java.util.Objects;
import java.util.Optional;

/**
 * The side a request comes from: who is asking, and through which endpoint.
 *
 * @param identity who is asking
 * @param group the group endpoint the request came through ({@code /mcp/g/{group}}, or a group
 *     chosen for the in-process client or the tools REST API); empty for the main endpoint
 */
public record Caller(Identity identity, Optional<String> group) {

  public Caller {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(group, "group");
  }

  /** An anonymous caller of the main endpoint. */
  public static Caller anonymous() {
    return new Caller(Identity.ANONYMOUS, Optional.empty());
  }
}
