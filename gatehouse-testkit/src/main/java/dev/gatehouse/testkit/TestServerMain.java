package dev.gatehouse.testkit;

import dev.gatehouse.endpoint.McpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one of the {@link ScriptedServers} by name, over stdio (the default) or HTTP:
 *
 * <pre>
 * java -cp ... dev.gatehouse.testkit.TestServerMain echo
 * java -cp ... dev.gatehouse.testkit.TestServerMain faulty --http 0   # prints "listening on URL"
 * </pre>
 *
 * Tests start it as a child process with {@link #command(String)}.
 */
public final class TestServerMain {

  private TestServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Optional<McpHandler> server =
        args.length > 0 ? ScriptedServers.create(args[0]) : Optional.empty();
    if (server.isEmpty()) {
      System.err.println(
          "usage: TestServerMain NAME [--http PORT]; names: " + ScriptedServers.names());
      System.exit(2);
    }
    if (args.length == 3 && args[1].equals("--http")) {
      HttpTestServer http = HttpTestServer.start(server.get(), Integer.parseInt(args[2]));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                http.close();
                stopped.countDown();
              }));
      System.err.println("listening on " + http.url());
      stopped.await();
    } else {
      StdioRunner.serve(server.get());
      System.exit(0);
    }
  }

  /**
   * The command line that runs the named server as a stdio child process of this JVM's java, with
   * this JVM's class path: {@code [java, -cp, <class path>, TestServerMain, name]}.
   */
  public static List<String> command(String name) {
    if (!ScriptedServers.names().contains(name)) {
      throw new IllegalArgumentException(
          "no scripted server \"" + name + "\"; names: " + ScriptedServers.names());
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TestServerMain.class.getName());
    command.add(name);
    return command;
  }
}
