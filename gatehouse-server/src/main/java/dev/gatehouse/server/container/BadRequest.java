package dev.gatehouse.server.container;

import java.io.IOException;

/**
 * A request the server refuses before any servlet sees it; answered with the status, then closed.
 */
final class BadRequest extends IOException {
  private static final long serialVersionUID = 1L;
  final int status;

  BadRequest(int status, String message) {
    super(message);
    this.status = status;
  }
}
