package dev.gatehouse.server.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table of routes by method and path template ({@code /servers/{id}/tools}): finds the route for
 * a request and the values of its {@code {name}} segments.
 */
final class Router {
  /** What a route does with a call. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  /**
   * One entry of the table.
   *
   * @param method the HTTP method
   * @param template the path below the servlet's mount, {@code {name}} segments matching one
   *     segment
   * @param handler what answers
   */
  record Route(String method, String template, Handler handler) {
    List<String> segments() {
      return split(template);
    }
  }

  /** A route found for a request, with its path parameters. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String template, Handler handler) {
    routes.add(new Route(method, template, handler));
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for this method and path; empty when none, see {@link #methods}. */
  Optional<Match> match(String method, String path) {
    List<String> given = split(path);
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Optional<Map<String, String>> params = bind(route.segments(), given);
        if (params.isPresent()) {
          return Optional.of(new Match(route, params.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** The methods some route accepts for this path: empty means the path is unknown (404). */
  Set<String> methods(String path) {
    List<String> given = split(path);
    Set<String> methods = new LinkedHashSet<>();
    for (Route route : routes) {
      if (bind(route.segments(), given).isPresent()) {
        methods.add(route.method());
      }
    }
    return methods;
  }

  private static Optional<Map<String, String>> bind(List<String> template, List<String> given) {
    if (template.size() != given.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.startsWith("{") && part.endsWith("}")) {
        params.put(part.substring(1, part.length() - 1), given.get(i));
      } else if (!part.equals(given.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : (path == null ? "" : path).split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
