package dev.gatehouse.it.sdk;

import tools.jackson.databind.node.ObjectNode;

/**
 * The interop contract with the SDK server behind the gateway over stdio, as a child process the
 * gateway starts and stops.
 */
final class SdkStdioUpstreamTest extends SdkInteropContract {

  @Override
  ObjectNode startUpstream() {
    return FixtureGateway.stdioFixture();
  }

  @Override
  void stopUpstream() {
    // The gateway owns the child process and stops it when it closes.
  }
}
