package dev.gatehouse.upstream.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The upstream processes this JVM started and has not yet stopped. A shutdown hook kills what is
 * left, with descendants, so that an exiting gateway leaves no orphaned servers behind (an {@code
 * npx} wrapper would otherwise keep its node child running).
 */
final class ChildProcesses {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private ChildProcesses() {}

  static void track(Process process) {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ChildProcesses::killAll, "gatehouse-child-reaper"));
    }
    LIVE.add(process);
  }

  static void untrack(Process process) {
    LIVE.remove(process);
  }

  private static void killAll() {
    for (Process process : LIVE) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
