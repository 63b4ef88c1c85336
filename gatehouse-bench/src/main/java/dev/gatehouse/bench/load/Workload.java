package dev.gatehouse.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * What every call of a load sends: a JSON-RPC request whose id is its only varying part, written
 * last so the rest is built once.
 *
 * @param label short name for tables ({@code call-small}, {@code call-100k}, {@code list})
 */
public record Workload(String label, byte[] prefix) {
  private static final byte[] SUFFIX = "}".getBytes(StandardCharsets.US_ASCII);

  /** {@code tools/call} of an echo tool with a message of {@code payloadBytes} characters. */
  public static Workload call(String label, String tool, int payloadBytes) {
    String json =
        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":{\"message\":\""
            + "x".repeat(payloadBytes)
            + "\"}},\"id\":";
    return new Workload(label, json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code tools/list} without a cursor. */
  public static Workload list(String label) {
    return new Workload(
        label,
        "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"params\":{},\"id\":"
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** The request with this id. */
  public byte[] body(long id) {
    byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[prefix.length + digits.length + SUFFIX.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    System.arraycopy(digits, 0, body, prefix.length, digits.length);
    System.arraycopy(SUFFIX, 0, body, prefix.length + digits.length, SUFFIX.length);
    return body;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Workload w && w.label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  @Override
  public String toString() {
    return label;
  }
}
