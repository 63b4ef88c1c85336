package dev.gatehouse.it.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds Debian's chromium and chromedriver, installing them with {@code scripts/install-browser.sh}
 * when missing. A test that needs the browser fails, with the reason, when they cannot be had.
 */
final class BrowserInstall {
  /** The browser binary and the driver. */
  record Binaries(Path chromium, Path chromedriver) {}

  private BrowserInstall() {}

  static Binaries ensure() {
    Optional<Binaries> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String log = install();
    return find()
        .orElseThrow(() ->
            new AssertionError(
                "The approval page is tested in headless Chromium, but chromium and chromedriver "
                    + "are not installed and scripts/install-browser.sh could not install them "
                    + "(it needs root and the Debian packages chromium and chromium-driver). "
                    + "Its output:\n"
                    + log));
  }

  private static Optional<Binaries> find() {
    // The real binary rather than Debian's wrapper script, when it is there.
    Optional<Path> chromium =
        Optional.of(Path.of("/usr/lib/chromium/chromium"))
            .filter(Files::isExecutable)
            .or(() -> onPath("chromium"));
    Optional<Path> driver = onPath("chromedriver");
    return chromium.isPresent() && driver.isPresent()
        ? Optional.of(new Binaries(chromium.get(), driver.get()))
        : Optional.empty();
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.of(Path.of("/usr/bin", name)).filter(Files::isExecutable);
  }

  private static String install() {
    Path script = repository().resolve("scripts/install-browser.sh");
    if (!Files.isRegularFile(script)) {
      return script + " does not exist";
    }
    try {
      Path log = Files.createTempFile("install-browser", ".log");
      Process process =
          new ProcessBuilder("bash", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return "install-browser.sh did not finish within 15 minutes";
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      return output;
    } catch (IOException e) {
      return "cannot run " + script + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static Path repository() {
    String peers = System.getProperty("gatehouse.test.peers");
    return peers != null
        ? Path.of(peers).toAbsolutePath().normalize().getParent()
        : Path.of("..").toAbsolutePath().normalize();
  }
}
