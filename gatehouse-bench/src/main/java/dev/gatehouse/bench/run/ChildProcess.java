package dev.gatehouse.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process the bench started: its stdout lines are queued for {@link #awaitLine}, stderr goes to a
 * log file, stdin stays open (children end themselves when it closes). {@link #close} ends it and
 * its descendants: SIGTERM, then SIGKILL after a grace period.
 */
final class ChildProcess implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread.ofVirtual()
        .name("bench-stdout-" + name)
        .start(() -> {
          try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
              lines.add(line);
            }
          } catch (IOException e) {
            // the process ended
          }
        });
  }

  static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.directory(workDir.toFile());
    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    Runs.register(process);
    return new ChildProcess(name, process);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The next stdout line starting with {@code prefix}, its rest; empty on timeout or exit. */
  Optional<String> awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return Optional.of(line.substring(prefix.length()).trim());
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Sends one line to the process's stdin. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
  }

  @Override
  public void close() {
    Runs.stop(process, GRACE);
  }
}
