package dev.gatehouse.it.sdk;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stdio fixture's stdin as the SDK reads it, with each newline-delimited message also shown to
 * an {@link InboundNotifications}, and a signal when the gateway closes the pipe.
 */
final class ObservedInput extends FilterInputStream {
  private final InboundNotifications inbound;
  private final Runnable onEnd;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  ObservedInput(InputStream in, InboundNotifications inbound, Runnable onEnd) {
    super(in);
    this.inbound = inbound;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      onEnd.run();
    } else {
      take((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      onEnd.run();
    }
    for (int i = 0; i < n; i++) {
      take(buffer[offset + i]);
    }
    return n;
  }

  private synchronized void take(byte b) {
    if (b != '\n') {
      line.write(b);
      return;
    }
    inbound.observe(line.toByteArray());
    line.reset();
  }
}
