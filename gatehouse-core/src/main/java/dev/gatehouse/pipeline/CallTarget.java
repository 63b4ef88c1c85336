package dev.gatehouse.pipeline;

import dev.gatehouse.catalog.ToolEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a routed tool call goes.
 *
 * @param server the upstream (or plugin) that owns the tool
 * @param tool the name the caller used
 * @param originalTool the owner's own name for it
 * @param entry the catalog entry, when the catalog lists the tool (an unlisted name may still be
 *     routed to the upstream whose namespace it is in)
 */
public record CallTarget(
    String server, String tool, String originalTool, Optional<ToolEntry> entry) {

  public CallTarget {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(originalTool, "originalTool");
    Objects.requireNonNull(entry, "entry");
  }
}
