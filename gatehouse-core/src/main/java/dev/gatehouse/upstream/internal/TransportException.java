package dev.gatehouse.upstream.internal;

import java.util.OptionalInt;

/** A transport could not do what was asked; the message is written for the operator. */
public final class TransportException extends Exception {
  private final int httpStatus;

  public TransportException(String message) {
    this(message, -1, null);
  }

  public TransportException(String message, Throwable cause) {
    this(message, -1, cause);
  }

  public TransportException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that caused it, when an HTTP server answered with an error status. */
  public OptionalInt httpStatus() {
    return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }
}
