package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.upstream.TransportKind;
import dev.gatehouse.upstream.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ServerSpecTest {

  @Test
  void builderDerivesTheTransportFromWhatIsGiven() {
    assertThat(ServerSpec.builder("a").command("npx").build().transport())
        .isEqualTo(TransportKind.STDIO);
    assertThat(ServerSpec.builder("a").url(URI.create("http://127.0.0.1/mcp")).build().transport())
        .isEqualTo(TransportKind.AUTO);
    assertThat(ServerSpec.builder("a").command("npx").build().enabled()).isTrue();
  }

  @Test
  void namesAreLowercaseLettersDigitsAndDashes() {
    assertInvalid(() -> ServerSpec.stdio("Bad_Name", "x", List.of()), "name", "\"Bad_Name\"");
    assertInvalid(() -> ServerSpec.stdio("", "x", List.of()), "name", "name is required");
    assertInvalid(() -> ServerSpec.stdio("a".repeat(65), "x", List.of()), "name", "invalid");
    assertThat(ServerSpec.stdio("a-1", "x", List.of()).name()).isEqualTo("a-1");
  }

  @Test
  void eachTransportTakesOnlyItsOwnFields() {
    URI url = URI.create("https://example.com/mcp");
    assertInvalid(
        () -> ServerSpec.builder("s").transport(TransportKind.STDIO).build(),
        "command",
        "server \"s\": a stdio server needs a command");
    assertInvalid(
        () -> ServerSpec.builder("s").transport(TransportKind.HTTP).build(),
        "url",
        "a http server needs a url");
    assertInvalid(
        () -> ServerSpec.builder("s").command("x").url(url).build(), "url", "takes no url");
    assertInvalid(
        () -> ServerSpec.builder("s").command("x").header("A", "b").build(),
        "headers",
        "takes no headers");
    assertInvalid(
        () -> ServerSpec.builder("s").transport(TransportKind.SSE).url(url).command("x").build(),
        "command",
        "a sse server takes no command");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).env(Map.of("A", "b")).build(), "env", "stdio only");
  }

  @Test
  void urlsMustBeAbsoluteHttpWithAHost() {
    assertInvalid(
        () -> ServerSpec.http("s", TransportKind.HTTP, URI.create("ftp://example.com/x")),
        "url",
        "must be an http or https URL");
    assertInvalid(
        () -> ServerSpec.http("s", TransportKind.HTTP, URI.create("/relative")), "url", "http");
    assertInvalid(() -> ServerSpec.parseUrl("s", "http://bad host/"), "url", "not a valid URL");
    assertThat(ServerSpec.parseUrl("s", "https://example.com:8443/mcp").getPort()).isEqualTo(8443);
  }

  @Test
  void headersEnvPrefixTimeoutAndGlobsAreChecked() {
    URI url = URI.create("http://127.0.0.1:1/mcp");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).header("Bad Header", "x").build(),
        "headers",
        "header name \"Bad Header\"");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).header("X-A", "a\r\nb").build(),
        "headers",
        "line breaks");
    assertInvalid(
        () -> ServerSpec.builder("s").command("x").env(Map.of("A=B", "c")).build(), "env", "A=B");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).prefix(Optional.of("Has_Under")).build(),
        "prefix",
        "Has_Under");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).timeout(Optional.of(Duration.ZERO)).build(),
        "timeout",
        "positive");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).allow(List.of("a*", " ")).build(),
        "allow",
        "empty pattern");
    assertInvalid(
        () -> ServerSpec.builder("s").url(url).deny(List.of("x", "x")).build(), "deny", "twice");
    assertThat(ServerSpec.builder("s").url(url).prefix(Optional.of("")).build().prefix())
        .contains("");
  }

  @Test
  void patchChangesOnlyWhatItSetsAndClearsWithEmpty() {
    ServerSpec spec =
        ServerSpec.builder("s")
            .url(URI.create("http://127.0.0.1:1/mcp"))
            .description(Optional.of("first"))
            .allow(List.of("a*"))
            .build();
    ServerPatch patch =
        ServerPatch.builder()
            .description(Optional.empty())
            .deny(List.of("*echo*"))
            .enabled(false)
            .build();
    ServerSpec changed = patch.applyTo(spec);
    assertThat(changed.description()).isEmpty();
    assertThat(changed.deny()).containsExactly("*echo*");
    assertThat(changed.enabled()).isFalse();
    assertThat(changed.allow()).containsExactly("a*");
    assertThat(changed.url()).isEqualTo(spec.url());
    assertThat(patch.fields()).containsExactly("description", "deny", "enabled");
    assertThat(ServerPatch.builder().build().applyTo(spec)).isEqualTo(spec);
  }

  @Test
  void aPatchThatSwitchesTransportMustSetTheWholeShape() {
    ServerSpec http = ServerSpec.http("s", TransportKind.HTTP, URI.create("http://127.0.0.1/"));
    assertInvalid(
        () -> ServerPatch.builder().command(Optional.of("npx")).build().applyTo(http),
        "command",
        "takes no command");
    ServerSpec stdio =
        ServerPatch.builder()
            .transport(TransportKind.STDIO)
            .url(Optional.empty())
            .command(Optional.of("npx"))
            .build()
            .applyTo(http);
    assertThat(stdio.transport()).isEqualTo(TransportKind.STDIO);
  }

  @Test
  void recordsProduceTheUpstreamConfigWithReferencesUnresolved() {
    ServerSpec spec =
        ServerSpec.builder("remote")
            .transport(TransportKind.HTTP)
            .url(URI.create("https://example.com/mcp"))
            .header("Authorization", "Bearer ${env:REMOTE_TOKEN}")
            .build();
    Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
    UpstreamConfig config = new ServerRecord("id-1", spec, now, now).toUpstreamConfig();
    assertThat(config.name()).isEqualTo("remote");
    assertThat(config.prefix()).isEqualTo("remote");
    assertThat(config.timeout()).isEqualTo(UpstreamConfig.DEFAULT_TIMEOUT);
    assertThat(config.headers()).containsEntry("Authorization", "Bearer ${env:REMOTE_TOKEN}");

    ServerSpec stdio =
        ServerSpec.builder("fs")
            .command("npx")
            .args(List.of("-y", "server"))
            .env(Map.of("TOKEN", "${env:T}"))
            .cwd(Optional.of("/tmp"))
            .prefix(Optional.of(""))
            .timeout(Optional.of(Duration.ofSeconds(5)))
            .build();
    UpstreamConfig local = new ServerRecord("id-2", stdio, now, now).toUpstreamConfig();
    assertThat(local.prefix()).isEmpty();
    assertThat(local.cwd()).contains(Path.of("/tmp"));
    assertThat(local.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(local.env()).containsEntry("TOKEN", "${env:T}");
  }

  @Test
  void groupSpecsAndMemberListsAreChecked() {
    assertInvalid(() -> GroupSpec.of("G1"), "name", "\"G1\"");
    assertInvalid(
        () -> GroupSpec.builder("g").mode(Optional.of("Not A Mode")).build(), "mode", "mode");
    assertInvalid(() -> MemberNames.check(List.of("a", "a")), "servers", "listed twice");
    assertInvalid(() -> MemberNames.check(List.of("a", "B")), "servers", "\"B\"");
    assertThat(MemberNames.check(List.of("b", "a"))).containsExactly("b", "a");
  }

  private static void assertInvalid(ThrowingCallable call, String field, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StoreException.Kind.INVALID);
              assertThat(e.field()).contains(field);
            })
        .hasMessageContaining(message);
  }
}
