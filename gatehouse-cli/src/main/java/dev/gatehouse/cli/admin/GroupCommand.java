package dev.gatehouse.cli.admin;

import picocli.CommandLine.Command;

/** {@code gatehouse group}: the verbs over groups, each served at {@code /mcp/g/NAME}. */
@Command(
    name = "group",
    mixinStandardHelpOptions = true,
    description = "Manage groups: curated sets of servers served at /mcp/g/NAME.",
    subcommands = {
      GroupCreateCommand.class,
      GroupListCommand.class,
      GroupDeleteCommand.class,
      GroupMembersCommand.class
    })
public final class GroupCommand {}
