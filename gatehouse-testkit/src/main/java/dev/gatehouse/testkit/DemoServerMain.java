package dev.gatehouse.testkit;

/**
 * Runs the {@link DemoServer} as a stdio MCP server: {@code java -cp ...
 * dev.gatehouse.testkit.DemoServerMain}. It is what {@code gatehouse serve --demo} starts.
 */
public final class DemoServerMain {

  private DemoServerMain() {}

  public static void main(String[] args) {
    TestServer server = DemoServer.create();
    StdioRunner.serve(server);
    server.close();
    System.exit(0);
  }
}
