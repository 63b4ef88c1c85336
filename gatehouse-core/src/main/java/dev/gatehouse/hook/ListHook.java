package dev.gatehouse.hook;

import dev.gatehouse.catalog.ToolEntry;
import java.util.List;

/**
 * Filters or annotates the tools one caller sees, after the endpoint's view has been applied. Hooks
 * run in registration order, each receiving the previous one's output. A tool a list hook hides is
 * absent for that caller: calls to it answer exactly like calls to an unknown tool. To annotate,
 * return entries with a changed copy of the definition; never mutate the one given. A hook that
 * throws fails the listing (and the caller's calls) rather than show what it would have hidden.
 */
@FunctionalInterface
public interface ListHook {
  List<ToolEntry> list(Caller caller, List<ToolEntry> tools);
}
