package dev.gatehouse.routing;

/** The gateway's version as it reports it to clients and upstreams. */
public final class GatewayVersion {
  public static final String VERSION =
      java.util.Objects.requireNonNullElse(
          GatewayVersion.class.getPackage().getImplementationVersion(), "0.1.0-SNAPSHOT");

  private GatewayVersion() {}
}
