package dev.gatehouse.it.sdk;

import tools.jackson.databind.node.ObjectNode;

/** The interop contract with the SDK server behind the gateway over Streamable HTTP. */
final class SdkHttpUpstreamTest extends SdkInteropContract {
  private HttpFixtureUpstream upstream;

  @Override
  ObjectNode startUpstream() throws Exception {
    upstream = HttpFixtureUpstream.start();
    return FixtureGateway.http(upstream.uri());
  }

  @Override
  void stopUpstream() throws Exception {
    if (upstream != null) {
      upstream.close();
    }
  }
}
