package dev.gatehouse.policy;

import dev.gatehouse.catalog.PromptEntry;
import dev.gatehouse.catalog.ResourceEntry;
import dev.gatehouse.catalog.ToolEntry;

/**
 * What one caller may see and use of the catalog. Anything a view hides is absent for that caller:
 * left out of lists, and answered exactly like an unknown name when called.
 */
public interface View {

  /** Whether the caller may see and call a tool of {@code server} by these names. */
  boolean tool(String server, String exposedName, String originalName);

  /** Whether the caller may see and get a prompt. */
  default boolean prompt(String server, String exposedName, String originalName) {
    return tool(server, exposedName, originalName);
  }

  /** Whether the caller may see and use the resources of {@code server}. */
  default boolean server(String server) {
    return true;
  }

  /**
   * Whether this view may hide some name of {@code server}. Where it may, a name the catalog does
   * not list is answered by the gateway rather than forwarded, so that a hidden name and an unknown
   * one get the very same answer. Views that cannot tell say true.
   */
  default boolean hidesAnything(String server) {
    return true;
  }

  default boolean tool(ToolEntry tool) {
    return server(tool.server()) && tool(tool.server(), tool.name(), tool.originalName());
  }

  default boolean prompt(PromptEntry prompt) {
    return server(prompt.server()) && prompt(prompt.server(), prompt.name(), prompt.originalName());
  }

  default boolean resource(ResourceEntry resource) {
    return server(resource.server());
  }

  /** Sees everything. */
  static View all() {
    return new View() {
      @Override
      public boolean tool(String server, String exposed, String original) {
        return true;
      }

      @Override
      public boolean hidesAnything(String server) {
        return false;
      }
    };
  }

  /** Sees nothing: an endpoint whose group is gone. */
  static View none() {
    return new View() {
      @Override
      public boolean tool(String server, String exposed, String original) {
        return false;
      }

      @Override
      public boolean server(String server) {
        return false;
      }
    };
  }

  /** Sees what both views see. */
  default View and(View other) {
    View self = this;
    return new View() {
      @Override
      public boolean tool(String server, String exposed, String original) {
        return self.tool(server, exposed, original) && other.tool(server, exposed, original);
      }

      @Override
      public boolean prompt(String server, String exposed, String original) {
        return self.prompt(server, exposed, original) && other.prompt(server, exposed, original);
      }

      @Override
      public boolean server(String server) {
        return self.server(server) && other.server(server);
      }

      @Override
      public boolean hidesAnything(String server) {
        return self.hidesAnything(server) || other.hidesAnything(server);
      }
    };
  }
}
