package dev.gatehouse.cli.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGHUP forces a reload, as for most daemons. Unix only; elsewhere nothing happens. */
public final class Hangup {
  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  /** Runs {@code reload} on each SIGHUP, on a thread of its own. */
  public static void onSignal(Runnable reload) {
    try {
      Signal.handle(
          new Signal("HUP"),
          signal ->
              Thread.ofVirtual()
                  .name("gatehouse-sighup")
                  .start(() -> {
                    log.info("SIGHUP: reloading the config and the rules");
                    try {
                      reload.run();
                    } catch (RuntimeException e) {
                      log.error("Reload on SIGHUP failed", e);
                    }
                  }));
    } catch (IllegalArgumentException e) {
      log.debug("SIGHUP is not available here: {}", e.getMessage());
    }
  }
}
