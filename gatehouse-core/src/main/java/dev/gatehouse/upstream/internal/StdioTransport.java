package dev.gatehouse.upstream.internal;

import dev.gatehouse.protocol.GatewayException;
import dev.gatehouse.protocol.Json;
import dev.gatehouse.protocol.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process speaking newline-delimited JSON-RPC. One thread writes stdin from a queue (so
 * nothing holds a lock while writing), one reads stdout, one drains stderr into the log so the pipe
 * never fills and the last lines can explain an exit.
 */
public final class StdioTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
  private static final Logger stderrLog = LoggerFactory.getLogger("dev.gatehouse.upstream.stderr");
  private static final Duration EXIT_GRACE = Duration.ofSeconds(1);
  private static final Duration TERM_GRACE = Duration.ofSeconds(2);
  private static final int STDERR_TAIL = 5;

  private record Outbound(byte[] line, CompletableFuture<Void> written) {}

  private static final Outbound END = new Outbound(new byte[0], new CompletableFuture<>());

  private final String name;
  private final List<String> commandLine;
  private final Map<String, String> environment;
  private final Optional<Path> cwd;
  private final Executor executor;
  private final LinkedBlockingQueue<Outbound> outbox = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final CountDownLatch stderrDone = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;
  private volatile TransportSink sink;

  /**
   * @param commandLine the located program and its arguments
   * @param environment the child's complete environment
   */
  public StdioTransport(
      String name,
      List<String> commandLine,
      Map<String, String> environment,
      Optional<Path> cwd,
      Executor executor) {
    this.name = name;
    this.commandLine = List.copyOf(commandLine);
    this.environment = Map.copyOf(environment);
    this.cwd = cwd;
    this.executor = executor;
  }

  @Override
  public void open(TransportSink sink) throws TransportException {
    this.sink = sink;
    ProcessBuilder builder = new ProcessBuilder(commandLine);
    builder.environment().clear();
    builder.environment().putAll(environment);
    cwd.ifPresent(dir -> builder.directory(dir.toFile()));
    Process started;
    try {
      started = builder.start();
    } catch (IOException e) {
      throw new TransportException(
          "cannot start " + commandLine.getFirst() + ": " + e.getMessage());
    }
    process = started;
    ChildProcesses.track(started);
    if (closed.get()) {
      stop(started);
      throw new TransportException("closed");
    }
    log.debug("{}: started {} (pid {})", name, commandLine, started.pid());
    executor.execute(() -> drainStderr(started));
    executor.execute(() -> readStdout(started));
    executor.execute(() -> writeStdin(started));
  }

  @Override
  public CompletableFuture<Void> send(Message message) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    if (closed.get()) {
      written.completeExceptionally(new TransportException("the process was stopped"));
      return written;
    }
    outbox.add(new Outbound(Json.bytes(message.json()), written));
    return written;
  }

  @Override
  public String describe() {
    return "stdio: " + abbreviate(String.join(" ", commandLine), 160);
  }

  /** The running process, while there is one. */
  public Optional<ProcessHandle> processHandle() {
    Process current = process;
    return current == null ? Optional.empty() : Optional.of(current.toHandle());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    outbox.add(END);
    Process current = process;
    if (current != null) {
      stop(current);
    }
  }

  /**
   * Closing stdin asks the server to exit; after a grace period it gets SIGTERM, then SIGKILL.
   * Descendants are collected first because once the parent is gone they are no longer its
   * descendants.
   */
  private void stop(Process current) {
    List<ProcessHandle> family = current.descendants().toList();
    try {
      closeQuietly(current.getOutputStream());
      if (!current.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        family = current.descendants().toList();
        family.forEach(ProcessHandle::destroy);
        current.destroy();
        if (!current.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          current.descendants().forEach(ProcessHandle::destroyForcibly);
          current.destroyForcibly();
          current.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      current.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      ChildProcesses.untrack(current);
    }
  }

  private void writeStdin(Process current) {
    try (OutputStream out = current.getOutputStream()) {
      while (true) {
        Outbound next = outbox.take();
        if (next == END) {
          return;
        }
        byte[] line = new byte[next.line().length + 1];
        System.arraycopy(next.line(), 0, line, 0, next.line().length);
        line[line.length - 1] = '\n';
        out.write(line);
        out.flush();
        next.written().complete(null);
      }
    } catch (IOException e) {
      failOutbox(e);
      if (!closed.get()) {
        sink.onClosed("cannot write to the process: " + e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void failOutbox(IOException cause) {
    Outbound pending;
    while ((pending = outbox.poll()) != null) {
      pending.written().completeExceptionally(new TransportException(cause.getMessage(), cause));
    }
  }

  private void readStdout(Process current) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(current.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        onLine(line.strip());
      }
    } catch (IOException e) {
      log.debug("{}: stdout read ended: {}", name, e.toString());
    }
    if (!closed.get()) {
      sink.onClosed(exitReason(current));
    }
  }

  private void onLine(String line) {
    if (line.isEmpty()) {
      return;
    }
    if (line.charAt(0) != '{') {
      log.debug("{}: skipping non-JSON output: {}", name, abbreviate(line));
      return;
    }
    Message message;
    try {
      message = Message.parse(line);
    } catch (GatewayException e) {
      log.debug("{}: skipping a line that is no JSON-RPC message ({})", name, e.getMessage());
      return;
    }
    try {
      sink.onMessage(message, Arrival.SHARED_STREAM);
    } catch (RuntimeException e) {
      log.warn("{}: handling an inbound message failed", name, e);
    }
  }

  private void drainStderr(Process current) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(current.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        stderrLog.info("[{}] {}", name, line);
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_TAIL) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
      }
    } catch (IOException e) {
      log.debug("{}: stderr read ended: {}", name, e.toString());
    } finally {
      stderrDone.countDown();
    }
  }

  private String exitReason(Process current) {
    StringBuilder reason = new StringBuilder();
    try {
      if (current.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        reason.append("process exited with code ").append(current.exitValue());
        stderrDone.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        reason.append("process closed its stdout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason.append("process closed its stdout");
    }
    String tail;
    synchronized (stderrTail) {
      tail = String.join(" | ", stderrTail);
    }
    if (!tail.isBlank()) {
      reason.append(" (stderr: ").append(abbreviate(tail)).append(')');
    }
    return reason.toString();
  }

  private static String abbreviate(String text) {
    return abbreviate(text, 300);
  }

  private static String abbreviate(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit) + "...";
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // the process may already be gone
    }
  }
}
