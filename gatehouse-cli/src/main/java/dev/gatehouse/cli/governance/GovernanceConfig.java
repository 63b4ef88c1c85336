package dev.gatehouse.cli.governance;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The governance sections of the config file, typed:
 *
 * <pre>{@code
 * "policy": {"deny": ["*get-env*"], "confirm": ["*_delete_*"], "audit": true,
 *            "audit_arguments": false},
 * "hil": {"enabled": true, "auto_open_browser": true, "timeout_seconds": 120,
 *         "webhook": "https://chat.example/hooks/approvals"},
 * "plugins": ["call-counter"]
 * }</pre>
 *
 * @param deny globs of tools that are refused
 * @param confirm globs of tools that need a human's approval
 * @param audit the audit log file, when audit is on
 * @param auditArguments whether audit lines carry arguments (secret-looking values redacted)
 * @param hil human approval
 * @param plugins the plugins to enable by name, in order
 */
public record GovernanceConfig(
    List<String> deny,
    List<String> confirm,
    Optional<Path> audit,
    boolean auditArguments,
    HilConfig hil,
    List<String> plugins) {

  public GovernanceConfig {
    deny = List.copyOf(deny);
    confirm = List.copyOf(confirm);
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(hil, "hil");
    plugins = List.copyOf(plugins);
  }

  /** Whether anything governs calls at all. */
  public boolean governs() {
    return !deny.isEmpty() || !confirm.isEmpty() || audit.isPresent() || !plugins.isEmpty();
  }
}
