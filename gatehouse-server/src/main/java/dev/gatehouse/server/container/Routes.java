package dev.gatehouse.server.container;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which servlet serves a path, and which filters run before it. Path specs are the two kinds the
 * servlet specification defines that the gateway uses: exact ({@code /mcp}) and prefix ({@code
 * /admin/*}, which also matches {@code /admin}). An exact match wins, then the longest prefix.
 */
final class Routes {
  private final List<Mapping<HttpServlet>> servlets = new ArrayList<>();
  private final List<Mapping<Filter>> filters = new ArrayList<>();

  record Mapping<T>(String spec, String base, boolean prefix, T target) {
    static <T> Mapping<T> of(String spec, T target) {
      if (spec.endsWith("/*")) {
        return new Mapping<>(spec, spec.substring(0, spec.length() - 2), true, target);
      }
      if (!spec.startsWith("/") || spec.contains("*")) {
        throw new IllegalArgumentException("Unsupported path spec: " + spec);
      }
      return new Mapping<>(spec, spec, false, target);
    }

    boolean matches(String path) {
      if (!prefix) {
        return path.equals(base);
      }
      return path.startsWith(base)
          && (path.length() == base.length() || path.charAt(base.length()) == '/');
    }
  }

  /** A servlet and the servlet path and path info it sees for one request path. */
  record Match(HttpServlet servlet, String servletPath, String pathInfo, List<Filter> filters) {
    void run(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      new Chain(this).doFilter(request, response);
    }
  }

  void servlet(String spec, HttpServlet servlet) {
    servlets.add(Mapping.of(spec, servlet));
    // Exact mappings first, then prefixes from the longest base.
    servlets.sort(
        Comparator.<Mapping<HttpServlet>, Boolean>comparing(Mapping::prefix)
            .thenComparing(m -> -m.base().length()));
  }

  void filter(String spec, Filter filter) {
    filters.add(Mapping.of(spec, filter));
  }

  List<HttpServlet> servlets() {
    return servlets.stream().map(Mapping::target).distinct().toList();
  }

  List<Filter> filters() {
    return filters.stream().map(Mapping::target).distinct().toList();
  }

  Optional<Match> match(String path) {
    for (Mapping<HttpServlet> m : servlets) {
      if (m.matches(path)) {
        String info =
            m.prefix() && path.length() > m.base().length()
                ? path.substring(m.base().length())
                : null;
        List<Filter> chain = new ArrayList<>(2);
        for (Mapping<Filter> f : filters) {
          if (f.matches(path)) {
            chain.add(f.target());
          }
        }
        return Optional.of(new Match(m.target(), m.base(), info, chain));
      }
    }
    return Optional.empty();
  }

  /** Runs the filters in order, then the servlet. */
  private static final class Chain implements FilterChain {
    private final Match match;
    private int next;

    Chain(Match match) {
      this.match = match;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      if (next < match.filters().size()) {
        match.filters().get(next++).doFilter(request, response, this);
      } else {
        match.servlet().service(request, response);
      }
    }
  }
}
