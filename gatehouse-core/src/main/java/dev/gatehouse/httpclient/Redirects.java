package dev.gatehouse.httpclient;

import java.net.URI;
import java.util.Optional;

/**
 * Which redirects are followed: 301, 302, 303, 307 and 308 to the same host, never from https to
 * http. A POST answered 301, 302 or 303 becomes a GET (as browsers and the JDK's client do); 307
 * and 308 keep the method and body. A redirect to another host is not followed, since requests
 * carry the configured credentials; its 3xx answer is returned as it is.
 */
final class Redirects {
  private Redirects() {}

  static Optional<HttpRequest> follow(HttpRequest request, HttpResponse response) {
    int status = response.statusCode();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
      return Optional.empty();
    }
    Optional<String> location = response.headers().firstValue("location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    URI target;
    Origin to;
    try {
      target = request.uri().resolve(location.get().strip());
      to = Origin.of(target);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Origin from = request.origin();
    if (!from.host().equals(to.host()) || (from.secure() && !to.secure())) {
      return Optional.empty();
    }
    boolean toGet =
        status == 303 || ((status == 301 || status == 302) && request.method().equals("POST"));
    return Optional.of(request.redirected(target, toGet ? "GET" : request.method()));
  }
}
