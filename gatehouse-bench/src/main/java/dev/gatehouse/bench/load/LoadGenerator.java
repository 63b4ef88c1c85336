package dev.gatehouse.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code concurrency} virtual threads, each with its own keep-alive connection,
 * send the workload back to back on one MCP session until the duration is over. Bounded in time and
 * in calls; every latency is kept (the runs are short), so percentiles are exact.
 */
public final class LoadGenerator {
  private static final int MAX_CALLS_PER_WORKER = 2_000_000;
  private static final AtomicLong IDS = new AtomicLong(1_000);

  private LoadGenerator() {}

  public static LoadResult run(
      McpSession session, Workload workload, int concurrency, Duration duration)
      throws InterruptedException {
    byte[] headers = session.headers();
    CountDownLatch ready = new CountDownLatch(concurrency);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(concurrency);
    AtomicReference<String> firstError = new AtomicReference<>();
    long[][] latencies = new long[concurrency][];
    int[] counts = new int[concurrency];
    long[] errors = new long[concurrency];
    long[] window = new long[2];
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      int worker = w;
      workers.add(
          Thread.ofVirtual()
              .name("bench-load-" + w)
              .start(() -> {
                try (HttpConnection connection = new HttpConnection(session.endpoint())) {
                  long[] samples = new long[4096];
                  int n = 0;
                  ready.countDown();
                  go.await();
                  long deadline = window[1];
                  while (n < MAX_CALLS_PER_WORKER && System.nanoTime() < deadline) {
                    byte[] body = workload.body(IDS.incrementAndGet());
                    long start = System.nanoTime();
                    boolean ok;
                    try {
                      HttpConnection.Reply reply = connection.post(headers, body);
                      ok = reply.status() == 200 && hasResult(reply.body());
                      if (!ok) {
                        firstError.compareAndSet(null, describe(reply));
                      }
                    } catch (IOException e) {
                      ok = false;
                      firstError.compareAndSet(null, e.toString());
                      Thread.sleep(1);
                    }
                    if (n == samples.length) {
                      samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - start;
                    if (!ok) {
                      errors[worker]++;
                    }
                  }
                  latencies[worker] = samples;
                  counts[worker] = n;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              }));
    }
    ready.await();
    window[0] = System.nanoTime();
    window[1] = window[0] + duration.toNanos();
    go.countDown();
    done.await();
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int w = 0; w < concurrency; w++) {
      if (latencies[w] != null) {
        System.arraycopy(latencies[w], 0, all, at, counts[w]);
        at += counts[w];
      }
    }
    Arrays.sort(all);
    long failed = Arrays.stream(errors).sum();
    return new LoadResult(
        concurrency,
        seconds,
        total,
        failed,
        (total - failed) / seconds,
        percentile(all, 0.50) / 1e3,
        percentile(all, 0.99) / 1e3,
        Optional.ofNullable(firstError.get()));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** A JSON-RPC result, plain or as an SSE event; errors have no {@code "result"} member. */
  static boolean hasResult(byte[] body) {
    byte[] key = {'"', 'r', 'e', 's', 'u', 'l', 't', '"'};
    outer:
    for (int i = 0, last = body.length - key.length; i <= last; i++) {
      for (int k = 0; k < key.length; k++) {
        if (body[i + k] != key[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String describe(HttpConnection.Reply reply) {
    String text = reply.text();
    return "HTTP " + reply.status() + ": " + (text.length() > 200 ? text.substring(0, 200) : text);
  }
}
