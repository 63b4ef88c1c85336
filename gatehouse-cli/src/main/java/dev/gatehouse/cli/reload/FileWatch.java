package dev.gatehouse.cli.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Notices when a file's content changes. Polled rather than watched: editors replace files by
 * renaming, network and container file systems miss inotify events, and a small file read twice a
 * second costs nothing. A change counts once the content read twice in a row is the same, so a file
 * caught halfway through being written is not taken for a broken one.
 */
final class FileWatch {
  private final Path file;
  private byte[] applied;
  private byte[] pending;

  /** Starts from the file's current content: only later changes count. */
  FileWatch(Path file) {
    this.file = file;
    this.applied = digest(read());
  }

  Path file() {
    return file;
  }

  /** True once per settled change of the content (a missing file counts as empty). */
  boolean changed() {
    byte[] now = digest(read());
    if (Arrays.equals(now, applied)) {
      pending = null;
      return false;
    }
    if (pending == null || !Arrays.equals(now, pending)) {
      pending = now;
      return false;
    }
    applied = now;
    pending = null;
    return true;
  }

  /** The current content counts as seen (after a forced reload). */
  void seen() {
    applied = digest(read());
    pending = null;
  }

  private Optional<byte[]> read() {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] digest(Optional<byte[]> content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content.orElse(new byte[0]));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
