package dev.gatehouse.testkit;

/** Tiny, valid media files for tests, base64-encoded. */
public final class SampleMedia {

  /** A 1x1 red PNG. */
  public static final String RED_PIXEL_PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

  /** One millisecond of silence: a WAV file, 8 kHz, mono, 8-bit. */
  public static final String SILENT_WAV =
      "UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";

  private SampleMedia() {}
}
