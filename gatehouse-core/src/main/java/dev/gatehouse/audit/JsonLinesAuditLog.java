package dev.gatehouse.audit;

import dev.gatehouse.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Appends each record as one JSON line to a file:
 *
 * <pre>{@code
 * {"time":"2026-01-02T10:00:00.123Z","caller":"alpha","identified_by":"api_key","group":null,
 *  "server":"evs",
 *  "tool":"evs_get-sum","original_tool":"get-sum","decision":"confirmed","duration_ms":5230,
 *  "error_code":null,"reason":null,"tool_error":false}
 * }</pre>
 *
 * Arguments are written only when asked for, and then with the values of secret-looking keys
 * ({@code password}, {@code token}, {@code api_key}, {@code authorization}, ...) replaced by {@code
 * "[redacted]"}. Each line is one append-mode write, so concurrent calls and processes never
 * interleave within a line, and no lock is held while writing.
 */
public final class JsonLinesAuditLog implements AuditSink {
  private final Path file;
  private final boolean arguments;

  private JsonLinesAuditLog(Path file, boolean arguments) {
    this.file = Objects.requireNonNull(file, "file");
    this.arguments = arguments;
  }

  /**
   * A log at {@code file}, created with its directories if needed.
   *
   * @param arguments whether to record call arguments (secret-looking values redacted)
   * @throws UncheckedIOException when the directory cannot be created
   */
  public static JsonLinesAuditLog open(Path file, boolean arguments) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the audit log directory " + parent, e);
    }
    return new JsonLinesAuditLog(file, arguments);
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(AuditRecord record) {
    byte[] line = (Json.text(toJson(record)) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(
          file,
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
  }

  /** The JSON line for a record, without the newline. */
  public ObjectNode toJson(AuditRecord record) {
    ObjectNode json = Json.object();
    json.put("time", record.time().truncatedTo(ChronoUnit.MILLIS).toString());
    json.put("caller", record.caller());
    json.put("identified_by", record.identifiedBy());
    json.put("group", record.group().orElse(null));
    json.put("server", record.server());
    json.put("tool", record.tool());
    json.put("original_tool", record.originalTool());
    json.put("decision", record.decision().id());
    json.put("duration_ms", record.duration().toMillis());
    json.put("error_code", record.errorCode().orElse(null));
    json.put("reason", record.reason().orElse(null));
    json.put("tool_error", record.toolError());
    if (arguments) {
      json.set("arguments", SecretKeys.redact(record.arguments()));
    }
    return json;
  }
}
