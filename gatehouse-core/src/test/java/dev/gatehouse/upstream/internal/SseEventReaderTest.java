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

  @Test
  void aLargeEventComesWithItsFirstBytesAndTheRestStillOnTheStream() throws Exception {
    String big = "x".repeat(40_000);
    SseEventReader reader =
        reader(
            "event: message\nid: 1\ndata: "
                + big
                + "\r\n: a comment\nid: 2\ndata\ndata: end\n\ndata: next\n\n");

    SseEventReader.Event event = reader.next(10_000).orElseThrow();

    assertThat(event.type()).isEqualTo("message");
    assertThat(event.bytes().length).isGreaterThanOrEqualTo(10_000).isLessThan(big.length());
    String rest = new String(event.rest().orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(event.data() + rest).isEqualTo(big + "\n\nend");
    assertThat(reader.lastEventId()).contains("2");
    assertThat(reader.next(10_000).orElseThrow())
        .isEqualTo(new SseEventReader.Event("message", "next"));
  }

  @Test
  void closingTheRestOfALargeEventSkipsItAndLeavesTheStreamOpenUnlessAsked() throws Exception {
    String big = "y".repeat(30_000);
    boolean[] closed = new boolean[1];
    byte[] text = ("data: " + big + "\n\ndata: " + big + "\n\ndata: small\n\n").getBytes();
    SseEventReader reader =
        new SseEventReader(
            new ByteArrayInputStream(text) {
              @Override
              public void close() {
                closed[0] = true;
              }
            });

    reader.next(1_000).orElseThrow().rest().orElseThrow().close();
    assertThat(closed[0]).isFalse();
    SseEventReader.Event second = reader.next(1_000).orElseThrow();
    second.closeStreamAfterRest();
    second.rest().orElseThrow().close();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void anEventBelowTheSizeToStreamFromIsWhole() throws Exception {
    SseEventReader.Event event = reader("data: " + "z".repeat(20_000) + "\n\n").next(30_000).get();

    assertThat(event.rest()).isEmpty();
    assertThat(event.data()).hasSize(20_000);
  }
}
