package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TransportKindTest {

  @Test
  void parsesEveryConfigSpelling() {
    assertThat(TransportKind.parse("stdio")).isEqualTo(TransportKind.STDIO);
    assertThat(TransportKind.parse("Streamable-HTTP")).isEqualTo(TransportKind.HTTP);
    assertThat(TransportKind.parse("sse")).isEqualTo(TransportKind.SSE);
    assertThat(TransportKind.parse("auto")).isEqualTo(TransportKind.AUTO);
    assertThatThrownBy(() -> TransportKind.parse("carrier-pigeon"))
        .hasMessageContaining("expected stdio, http, sse or auto");
  }

  @Test
  void autoNeedsAUrlLikeHttp() {
    assertThat(
            UpstreamConfig.http("x", TransportKind.AUTO, URI.create("http://127.0.0.1/mcp"))
                .transport())
        .isEqualTo(TransportKind.AUTO);
    assertThat(TransportKind.AUTO.usesUrl()).isTrue();
    assertThat(TransportKind.STDIO.usesUrl()).isFalse();
  }
}
