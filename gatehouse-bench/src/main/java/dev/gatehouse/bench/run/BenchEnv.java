package dev.gatehouse.bench.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the bench finds its tools and puts its files.
 *
 * @param java the java launcher of this JVM, used for the children too
 * @param classPath this JVM's class path (the bench module and the whole gateway)
 * @param peers the folder holding {@code node_modules} of bench/package.json
 * @param bindLoopback the preload script that keeps Node servers on 127.0.0.1
 * @param nginx the nginx binary, when installed
 * @param work a scratch folder for configs and logs
 */
record BenchEnv(
    Path java,
    String classPath,
    Path peers,
    Path bindLoopback,
    Optional<Path> nginx,
    Path node,
    Path work) {

  List<String> javaCommand(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  Path log(String name) {
    return work.resolve(name + ".log");
  }

  Path nodePackage(String name) {
    return peers.resolve("node_modules").resolve(name);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until something accepts connections on 127.0.0.1:port; false on timeout. */
  static boolean awaitPort(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }
}
