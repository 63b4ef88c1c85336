package dev.gatehouse.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.POJONode;

/**
 * A result still on its way from an upstream, standing in a response's tree for the parsed object
 * (ADR 13). Written to a byte stream, its bytes are copied from the upstream's connection as they
 * arrive, so a large result passes through in constant memory. Read by code ({@link
 * Response#result()}), it is parsed into a tree first, which then takes its place. Either happens
 * once: the bytes are not kept.
 */
public final class StreamedResult extends JacksonSerializable.Base {
  /** Closes the connection of a result that nobody wrote or read. */
  private static final Cleaner CLEANER = Cleaner.create();

  private static final int COPY_BUFFER = 16 * 1024;

  private final InputStream value;
  private final Cleaner.Cleanable cleanup;
  private JsonNode tree;
  private boolean taken;

  private StreamedResult(InputStream source) {
    this.value = new ValueStream(source);
    this.cleanup = CLEANER.register(this, () -> close(source));
  }

  /**
   * A node for a result whose JSON object starts {@code source}. What follows the object (the rest
   * of the response) is read to its end and {@code source} closed once the object was read.
   */
  public static JsonNode node(InputStream source) {
    return new POJONode(new StreamedResult(source));
  }

  /** Whether the response's result is still on its way from the upstream. */
  public static boolean pending(Response response) {
    return response.json().get("result") instanceof POJONode pojo
        && pojo.getPojo() instanceof StreamedResult streamed
        && streamed.pending();
  }

  private synchronized boolean pending() {
    return !taken;
  }

  /** The result a node holds, parsed if it is still streaming; other nodes as they are. */
  static JsonNode parsed(JsonNode node) {
    return node instanceof POJONode pojo && pojo.getPojo() instanceof StreamedResult streamed
        ? streamed.tree()
        : node;
  }

  /**
   * The result as a tree, read from the upstream now if it was not yet.
   *
   * @throws GatewayException when the upstream's answer breaks off or is not JSON
   */
  synchronized JsonNode tree() {
    if (tree == null) {
      take();
      try (value) {
        tree = Json.mapper().readTree(value);
      } catch (IOException | JacksonException | IllegalArgumentException e) {
        throw new GatewayException(
            ErrorCode.UPSTREAM_ERROR, "Reading the upstream's result failed: " + message(e));
      } finally {
        cleanup.clean();
      }
    }
    return tree;
  }

  @Override
  public synchronized void serialize(JsonGenerator gen, SerializationContext context) {
    if (tree != null || !(gen.streamWriteOutputTarget() instanceof OutputStream out)) {
      // A writer or a token buffer has no bytes to take ours: it gets the tree.
      tree().serialize(gen, context);
      return;
    }
    try (value) {
      take();
      // An empty raw value writes the separator before the value (a colon, a comma) and nothing
      // else; the value's bytes then go straight after what the generator had buffered.
      gen.writeRawValue("");
      gen.flush();
      byte[] buffer = new byte[COPY_BUFFER];
      int n;
      while ((n = readUpstream(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw JacksonIOException.construct(e);
    } finally {
      cleanup.clean();
    }
  }

  /** Reads on; a failure is the upstream's, told apart from a client's by its type. */
  private int readUpstream(byte[] buffer) throws BrokenOff {
    try {
      return value.read(buffer);
    } catch (IOException | IllegalArgumentException e) {
      throw new BrokenOff(e);
    }
  }

  /**
   * The upstream's answer broke off, or was no JSON object, while its result was being copied: what
   * was written of it cannot be taken back, so the response it goes into must be aborted.
   */
  public static final class BrokenOff extends IOException {
    BrokenOff(Exception cause) {
      super("the upstream's result broke off: " + cause.getMessage(), cause);
    }
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializationContext context, TypeSerializer types) {
    serialize(gen, context);
  }

  @Override
  public String toString() {
    return tree != null ? tree.toString() : "(a result streaming from an upstream)";
  }

  private void take() {
    if (taken) {
      throw new GatewayException(
          ErrorCode.INTERNAL_ERROR, "The upstream's result was already passed on");
    }
    taken = true;
  }

  /**
   * Closes the upstream connection of a response whose result is still streaming and will now never
   * be written or read; other responses are left as they are.
   */
  public static void discard(Message message) {
    if (message instanceof Response response
        && response.json().get("result") instanceof POJONode pojo
        && pojo.getPojo() instanceof StreamedResult streamed) {
      streamed.drop();
    }
  }

  private synchronized void drop() {
    if (!taken) {
      taken = true;
      cleanup.clean();
    }
  }

  private static String message(Exception e) {
    return e instanceof JacksonException j
        ? j.getOriginalMessage()
        : String.valueOf(e.getMessage());
  }

  private static void close(InputStream source) {
    try {
      source.close();
    } catch (IOException e) {
      // the connection is closed either way
    }
  }

  /**
   * The bytes of the JSON object that starts the source, then the end of the stream. What the
   * source holds after the object is read and dropped, so that its connection can be reused.
   */
  private static final class ValueStream extends InputStream {
    private final InputStream source;
    private final ValueEnd end = new ValueEnd();
    private boolean ended;

    ValueStream(InputStream source) {
      this.source = source;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      int n = source.read(bytes, offset, length);
      if (n < 0) {
        throw new EOFException("the upstream's answer ended inside its result");
      }
      int stop = end.scan(bytes, offset, offset + n);
      if (stop < 0) {
        return n;
      }
      ended = true;
      // The rest of the envelope (",\"id\":3}" at most, by the protocol) is not passed on.
      source.transferTo(OutputStream.nullOutputStream());
      return stop - offset;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
