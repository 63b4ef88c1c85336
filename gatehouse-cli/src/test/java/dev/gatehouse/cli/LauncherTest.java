package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./gatehouse} launcher, run in a copy of a checkout whose {@code mvnw} and JDK are
 * stand-ins that only say they ran: it builds when the jar is missing or older than a pom or a
 * module's main source, and not for anything else.
 */
class LauncherTest {
  private static final Instant BUILT = Instant.parse("2025-01-01T12:00:00Z");

  @TempDir Path root;
  private Path jar;
  private Path builds;

  @BeforeEach
  void checkout() throws IOException {
    Path real = checkoutRoot();
    Files.copy(real.resolve("gatehouse"), root.resolve("gatehouse"));
    Files.createDirectories(root.resolve(".mvn"));
    Files.copy(real.resolve(".mvn/jdk.sh"), root.resolve(".mvn/jdk.sh"));
    jar = root.resolve("gatehouse-cli/target/gatehouse.jar");
    builds = root.resolve("builds.log");
    // The build stand-in records that it ran and leaves a fresh jar, as the real one does.
    script(
        root.resolve("mvnw"),
        "echo build >> '" + builds + "'\nmkdir -p '" + jar.getParent() + "'\ntouch '" + jar + "'");
    Path jdk = root.resolve("jdk");
    script(jdk.resolve("bin/java"), "echo \"java $*\"");
    script(jdk.resolve("bin/javac"), "exit 0");
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
    for (String file :
        List.of(
            "pom.xml",
            "gatehouse-core/pom.xml",
            "gatehouse-core/src/main/java/dev/gatehouse/A.java",
            "gatehouse-core/src/main/resources/db/V1__init.sql",
            "gatehouse-core/src/test/java/dev/gatehouse/ATest.java",
            "gatehouse-core/target/classes/dev/gatehouse/A.class",
            "gatehouse-it/node_modules/peer/index.js",
            "gatehouse-store-jdbc/target/postgres/data/base/1/112")) {
      touch(file, BUILT.minusSeconds(60));
    }
  }

  @Test
  void aCheckoutWithoutTheJarIsBuiltThenRun() throws Exception {
    String out = launch();

    assertThat(buildCount()).isEqualTo(1);
    assertThat(out).isEqualTo("java --enable-native-access=ALL-UNNAMED -jar " + jar + " --version");
  }

  @Test
  void aJarNewerThanEverySourceIsRunWithoutBuilding() throws Exception {
    touch("gatehouse-cli/target/gatehouse.jar", BUILT);

    assertThat(launch()).endsWith("-jar " + jar + " --version");
    assertThat(buildCount()).isZero();
  }

  @Test
  void aChangedMainSourceOrResourceRebuilds() throws Exception {
    touch("gatehouse-cli/target/gatehouse.jar", BUILT);
    touch("gatehouse-core/src/main/java/dev/gatehouse/A.java", BUILT.plusSeconds(1));
    launch();
    assertThat(buildCount()).isEqualTo(1);

    touch("gatehouse-cli/target/gatehouse.jar", BUILT.plusSeconds(2));
    touch("gatehouse-core/src/main/resources/db/V2__more.sql", BUILT.plusSeconds(3));
    launch();
    assertThat(buildCount()).isEqualTo(2);
  }

  @Test
  void aChangedPomRebuilds() throws Exception {
    touch("gatehouse-cli/target/gatehouse.jar", BUILT);
    touch("gatehouse-core/pom.xml", BUILT.plusSeconds(1));
    launch();
    assertThat(buildCount()).isEqualTo(1);

    touch("gatehouse-cli/target/gatehouse.jar", BUILT.plusSeconds(2));
    touch("pom.xml", BUILT.plusSeconds(3));
    launch();
    assertThat(buildCount()).isEqualTo(2);
  }

  @Test
  void testsBuildOutputAndNodeModulesDoNotRebuild() throws Exception {
    touch("gatehouse-cli/target/gatehouse.jar", BUILT);
    for (String file :
        List.of(
            "gatehouse-core/src/test/java/dev/gatehouse/ATest.java",
            "gatehouse-core/target/classes/dev/gatehouse/A.class",
            "gatehouse-it/node_modules/peer/index.js",
            "gatehouse-store-jdbc/target/postgres/data/base/1/112",
            "README.md")) {
      touch(file, BUILT.plusSeconds(1));
    }

    launch();

    assertThat(buildCount()).isZero();
  }

  private String launch() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", root.resolve("gatehouse").toString(), "--version")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    builder.environment().remove("GATEHOUSE_JAVA_OPTS");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("launcher exit code, output: %s", out).isZero();
    return out.strip();
  }

  private long buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  private void touch(String file, Instant when) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    if (!Files.exists(path)) {
      Files.writeString(path, "x");
    }
    Files.setLastModifiedTime(path, FileTime.from(when));
  }

  private static void script(Path path, String body) throws IOException {
    Files.createDirectories(path.getParent());
    Path written =
        Files.writeString(
            path.resolveSibling(path.getFileName() + ".tmp"), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(written, path, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The checkout these tests run in: the first directory upwards holding the launcher. */
  private static Path checkoutRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("gatehouse"))
          && Files.isRegularFile(dir.resolve(".mvn/jdk.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find ./gatehouse above " + Path.of("").toAbsolutePath());
  }
}
