package dev.gatehouse.upstream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

  private static SseEventReader reader(String text) {
    return new SseEventReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<SseEventReader.Event> all(SseEventReader reader) throws Exception {
    List<SseEventReader.Event> events = new ArrayList<>();
    Optional<SseEventReader.Event> event;
    while ((event = reader.next()).isPresent()) {
      events.add(event.get());
    }
    return events;
  }

  @Test
  void readsTypedAndDefaultEvents() throws Exception {
    List<SseEventReader.Event> events =
        all(reader("event: endpoint\ndata: /messages?x=1\n\ndata: {\"a\":1}\n\n"));

    assertThat(events)
        .containsExactly(
            new SseEventReader.Event("endpoint", "/messages?x=1"),
            new SseEventReader.Event("message", "{\"a\":1}"));
  }

  @Test
  void joinsDataLinesAndSkipsComments() throws Exception {
    List<SseEventReader.Event> events = all(reader(": keepalive\r\ndata:one\r\ndata: two\r\n\r\n"));

    assertThat(events).containsExactly(new SseEventReader.Event("message", "one\ntwo"));
  }

  @Test
  void remembersIdAndRetryAndDropsAnUnfinishedEvent() throws Exception {
    SseEventReader reader = reader("id: 7\nretry: 1500\ndata:\n\nid: 8\ndata: cut off");

    List<SseEventReader.Event> events = all(reader);

    assertThat(events).containsExactly(new SseEventReader.Event("message", ""));
    assertThat(reader.lastEventId()).contains("8");
    assertThat(reader.retryMillis()).hasValue(1500);
  }

  @Test
  void idWithoutDataIsStillRemembered() throws Exception {
    SseEventReader reader = reader("id: prime\n\n");

    assertThat(all(reader)).isEmpty();
    assertThat(reader.lastEventId()).contains("prime");
  }

  /** Hands out the bytes a few at a time, as a network does. */
  private static SseEventReader trickling(String text, int step) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new SseEventReader(
        new java.io.InputStream() {
          private int at;

          @Override
          public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
          }

          @Override
          public int read(byte[] target, int offset, int length) {
            if (at >= bytes.length) {
              return -1;
            }
            int n = Math.min(Math.min(length, step), bytes.length - at);
            System.arraycopy(bytes, at, target, offset, n);
            at += n;
            return n;
          }
        });
  }

  @Test
  void lineEndsSplitAcrossReadsAndBareCarriageReturnsAreOneLineEndEach() throws Exception {
    String text = "\uFEFFdata: a\r\ndata: b\r\r\nevent: x\rdata: c\r\r: note\ndata: d\n\n";

    for (int step = 1; step <= 4; step++) {
      assertThat(all(trickling(text, step)))
          .as("read %d bytes at a time", step)
          .containsExactly(
              new SseEventReader.Event("message", "a\nb"),
              new SseEventReader.Event("x", "c"),
              new SseEventReader.Event("message", "d"));
    }
  }

  @Test
  void aLargeEventArrivesWholeAndTheNextOneIsUnaffected() throws Exception {
    String big = "\u00e9x".repeat(300_000);

    List<SseEventReader.Event> events =
        all(trickling("data: " + big + "\n\nevent: small\ndata: {}\n\n", 7_000));

    assertThat(events)
        .containsExactly(
            new SseEventReader.Event("message", big), new SseEventReader.Event("small", "{}"));
  }
}
