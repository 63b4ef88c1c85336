package dev.gatehouse.cli;

import dev.gatehouse.routing.GatewayVersion;
import picocli.CommandLine.IVersionProvider;

/** Prints the gateway version for {@code --version}. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"gatehouse " + GatewayVersion.VERSION};
  }
}
