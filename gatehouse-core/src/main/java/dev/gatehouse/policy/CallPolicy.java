package dev.gatehouse.policy;

import dev.gatehouse.hook.Decision;
import dev.gatehouse.hook.PreCallHook;
import dev.gatehouse.hook.ToolCall;
import java.util.List;
import java.util.Optional;

/**
 * The reference governance of the config's {@code policy}: tools matching a {@code deny} glob are
 * refused, tools matching a {@code confirm} glob need confirmation. Globs match the namespaced name
 * ({@code evs_get-env}) or the upstream's own ({@code get-env}); deny wins over confirm.
 */
public final class CallPolicy implements PreCallHook {
  private final List<String> deny;
  private final List<String> confirm;
  private final List<Glob> denyGlobs;
  private final List<Glob> confirmGlobs;

  private CallPolicy(List<String> deny, List<String> confirm) {
    this.deny = List.copyOf(deny);
    this.confirm = List.copyOf(confirm);
    this.denyGlobs = this.deny.stream().map(Glob::of).toList();
    this.confirmGlobs = this.confirm.stream().map(Glob::of).toList();
  }

  public static CallPolicy of(List<String> deny, List<String> confirm) {
    return new CallPolicy(deny, confirm);
  }

  public List<String> deny() {
    return deny;
  }

  public List<String> confirm() {
    return confirm;
  }

  @Override
  public Decision before(ToolCall call) {
    Optional<Glob> denied = match(denyGlobs, call);
    if (denied.isPresent()) {
      return Decision.deny(
          "Call to " + call.tool() + " is denied by policy (matches \"" + denied.get() + "\")");
    }
    return match(confirmGlobs, call)
        .map(glob ->
            Decision.requireConfirmation("policy requires confirmation (matches \"" + glob + "\")"))
        .orElse(Decision.proceed());
  }

  private static Optional<Glob> match(List<Glob> globs, ToolCall call) {
    return globs.stream()
        .filter(g -> g.matches(call.tool()) || g.matches(call.originalTool()))
        .findFirst();
  }
}
