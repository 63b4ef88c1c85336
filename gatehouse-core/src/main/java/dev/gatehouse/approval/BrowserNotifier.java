package dev.gatehouse.approval;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the approval page in the desktop's browser. The page lists every pending approval and
 * updates itself, so after opening it the notifier stays quiet for a while rather than open a tab
 * per call. Without a display (a server, a container, CI) it only logs the URL.
 */
public final class BrowserNotifier implements ApprovalNotifier {
  private static final Logger log = LoggerFactory.getLogger(BrowserNotifier.class);
  private static final Duration QUIET = Duration.ofSeconds(30);

  private final Map<String, String> env;
  private final String os;
  private final Clock clock;
  private final AtomicReference<Instant> lastOpened = new AtomicReference<>(Instant.MIN);

  BrowserNotifier(Map<String, String> env, String os, Clock clock) {
    this.env = env;
    this.os = os.toLowerCase(Locale.ROOT);
    this.clock = clock;
  }

  /** For this machine: its environment and operating system. */
  public static BrowserNotifier system() {
    return new BrowserNotifier(
        System.getenv(), System.getProperty("os.name", ""), Clock.systemUTC());
  }

  /** Whether there is no display to open a browser on. */
  public boolean headless() {
    if (Boolean.getBoolean("java.awt.headless")) {
      return true;
    }
    if (os.contains("linux") || os.contains("bsd")) {
      return blank("DISPLAY") && blank("WAYLAND_DISPLAY");
    }
    return false;
  }

  @Override
  public void notify(PendingApproval approval, URI page) {
    if (headless()) {
      log.info("No display to open a browser on; approve or deny at {}", page);
      return;
    }
    Instant now = clock.instant();
    Instant last = lastOpened.get();
    if (now.isBefore(last.plus(QUIET)) || !lastOpened.compareAndSet(last, now)) {
      return;
    }
    try {
      new ProcessBuilder(command(page))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      log.warn("Could not open a browser ({}); approve or deny at {}", e.getMessage(), page);
    }
  }

  List<String> command(URI page) {
    if (os.contains("mac")) {
      return List.of("open", page.toString());
    }
    if (os.contains("win")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler", page.toString());
    }
    return List.of("xdg-open", page.toString());
  }

  private boolean blank(String name) {
    String value = env.get(name);
    return value == null || value.isBlank();
  }
}
