package dev.gatehouse.server.auth;

import dev.gatehouse.protocol.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the gateway says about itself as an OAuth 2.0 protected resource (RFC 9728).
 *
 * @param publicUrl the gateway's base URL as clients reach it ({@code "public_url"}), when it sits
 *     behind a proxy; otherwise each request's own scheme and {@code Host} are used
 * @param authorizationServers the issuers whose tokens it accepts; empty with API keys only
 * @param resourceName a name for people
 */
public record ResourceMetadata(
    Optional<URI> publicUrl, List<String> authorizationServers, String resourceName) {

  /** The document's path; the resource's own path follows it (RFC 9728 section 3.1). */
  public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

  public ResourceMetadata {
    Objects.requireNonNull(publicUrl, "publicUrl");
    authorizationServers = List.copyOf(authorizationServers);
    Objects.requireNonNull(resourceName, "resourceName");
  }

  /** {@code scheme://host[:port]} of the gateway, for a request that reached it. */
  String base(HttpServletRequest req) {
    if (publicUrl.isPresent()) {
      String url = publicUrl.get().toString();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String host = req.getHeader("Host");
    if (host == null || host.isBlank()) {
      host = req.getServerName() + ":" + req.getServerPort();
    }
    return req.getScheme() + "://" + host;
  }

  /** The metadata document's URL for the resource at {@code path} ({@code /mcp}). */
  String documentUrl(HttpServletRequest req, String path) {
    return base(req) + WELL_KNOWN + path;
  }

  /** The document for the resource at {@code path} ("" for the gateway's root). */
  ObjectNode document(HttpServletRequest req, String path) {
    ObjectNode json = Json.object();
    json.put("resource", base(req) + path);
    authorizationServers.forEach(json.putArray("authorization_servers")::add);
    json.putArray("bearer_methods_supported").add("header");
    json.put("resource_name", resourceName);
    return json;
  }
}
