package dev.gatehouse.server.stdio;

import dev.gatehouse.protocol.Message;
import dev.gatehouse.server.transport.AbstractDownstreamSession;
import dev.gatehouse.server.transport.Handshake;

/** The one session of a stdio connection; everything it sends goes down the same pipe. */
final class StdioSession extends AbstractDownstreamSession {
  private final LineWriter writer;

  StdioSession(String id, Handshake handshake, LineWriter writer) {
    super(id, handshake);
    this.writer = writer;
  }

  @Override
  protected void deliver(Message message) {
    writer.send(message);
  }
}
