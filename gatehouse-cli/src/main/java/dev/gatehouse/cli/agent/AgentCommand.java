package dev.gatehouse.cli.agent;

import picocli.CommandLine.Command;

/** {@code gatehouse agent}: agents and their API keys. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Manage agents' API keys (the agent's rules live in the rules file).",
    subcommands = {AgentKeyCommand.class})
public final class AgentCommand {}
