package dev.gatehouse.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Something a {@link TestServer} does instead of (or before) answering a request normally. */
public sealed interface Fault
    permits Fault.Delay, Fault.NeverAnswer, Fault.Error, Fault.DropConnection {

  /** Waits, then answers normally; a cancellation ends the wait early. */
  static Fault delay(Duration duration) {
    return new Delay(duration);
  }

  /** Never answers: holds the request until the client cancels it or the server closes. */
  static Fault neverAnswer() {
    return new NeverAnswer();
  }

  /** Answers with this JSON-RPC error instead of running the handler. */
  static Fault error(int code, String message) {
    return new Error(code, message, Optional.empty());
  }

  static Fault error(int code, String message, JsonNode data) {
    return new Error(code, message, Optional.of(data));
  }

  /**
   * Drops the connection without answering: over HTTP the exchange is aborted, as a stdio child the
   * process exits. In-process, {@link TestServer#handle} throws {@link ConnectionDropped}.
   */
  static Fault dropConnection() {
    return new DropConnection();
  }

  /** See {@link Fault#delay}. */
  record Delay(Duration duration) implements Fault {
    public Delay {
      Objects.requireNonNull(duration, "duration");
    }
  }

  /** See {@link Fault#neverAnswer}. */
  record NeverAnswer() implements Fault {}

  /** See {@link Fault#error}. */
  record Error(int code, String message, Optional<JsonNode> data) implements Fault {
    public Error {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(data, "data");
    }
  }

  /** See {@link Fault#dropConnection}. */
  record DropConnection() implements Fault {}
}
