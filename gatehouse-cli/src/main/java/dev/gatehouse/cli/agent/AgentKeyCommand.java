package dev.gatehouse.cli.agent;

import picocli.CommandLine.Command;

/** {@code gatehouse agent key}: create, list and revoke API keys. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys (Authorization: Bearer gh_...).",
    subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyRevokeCommand.class})
public final class AgentKeyCommand {}
