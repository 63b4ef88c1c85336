package dev.gatehouse.it.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm peers of {@code test-peers/} (installed by the build before the tests run): where they
 * are, and how to start and run them.
 */
public final class NodePeers {
  private NodePeers() {}

  public static Path root() {
    String dir = System.getProperty("gatehouse.test.peers");
    Path root =
        dir != null ? Path.of(dir) : Path.of("..", "test-peers").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("node_modules"))) {
      throw new IllegalStateException(
          "npm test peers are not installed in " + root + "; run test-peers/install.sh");
    }
    return root;
  }

  /** {@code node} from the PATH. */
  public static String node() {
    return "node";
  }

  public static Path everything() {
    return root().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  }

  /** The command and arguments of server-everything over stdio. */
  public static List<String> everythingStdio() {
    return List.of(node(), everything().toString(), "stdio");
  }

  /** Starts server-everything's Streamable HTTP mode on a free loopback port. */
  public static RunningProcess startEverythingHttp() throws IOException {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                node(),
                "--require",
                root().resolve("bind-loopback.cjs").toString(),
                everything().toString(),
                "streamableHttp")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PORT", String.valueOf(port));
    RunningProcess process = new RunningProcess(builder.start(), port);
    process.awaitPort(Duration.ofSeconds(30));
    return process;
  }

  /**
   * Starts a server script of {@code test-peers/servers} that takes a port argument (0: any free
   * one) and prints {@code listening PORT} once it listens on 127.0.0.1.
   */
  public static RunningProcess startServerScript(String script) throws IOException {
    Process process =
        new ProcessBuilder(node(), root().resolve("servers").resolve(script).toString(), "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("listening ")) {
      process.destroyForcibly();
      throw new IOException(script + " did not start: " + line);
    }
    return new RunningProcess(process, Integer.parseInt(line.substring("listening ".length())));
  }

  /** The command and arguments of a server script of {@code test-peers/servers} over stdio. */
  public static List<String> serverScriptStdio(String script) {
    return List.of(node(), root().resolve("servers").resolve(script).toString());
  }

  /** Runs a client script of {@code test-peers/clients} and returns its stdout. */
  public static String runClient(String script, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(node(), root().resolve("clients").resolve(script).toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile("client", ".err");
    Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(script + " did not finish in " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          script + " failed (exit " + process.exitValue() + "): " + Files.readString(err));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A child process listening on a loopback port; closing it kills it. */
  public record RunningProcess(Process process, int port) implements AutoCloseable {

    public String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    void awaitPort(Duration timeout) throws IOException {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IOException("the process exited with " + process.exitValue());
        }
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return;
        } catch (IOException notYet) {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
        }
      }
      close();
      throw new IOException("nothing listened on port " + port + " within " + timeout);
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
