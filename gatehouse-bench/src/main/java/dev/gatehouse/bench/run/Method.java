package dev.gatehouse.bench.run;

/** The fixed part of docs/benchmarks.md: how the numbers are made. */
final class Method {
  private Method() {}

  static final String TEXT =
      """
      ## How it measures

      - **One command.** `bench/run.sh [--quick]` installs what is missing (nginx from Debian,
        the Node peers pinned in `bench/package-lock.json`), builds `gatehouse-bench`, runs the
        JMH micro-benchmarks (full run only), then `dev.gatehouse.bench.run.BenchMain`, which
        starts everything on 127.0.0.1, measures, stops every process it started, and writes
        `bench/results/latest.json`, this file and `benchmarks.png`.
      - **Upstreams.** `echo`: `EchoUpstreamMain`, a JVM serving a minimal MCP server on the
        gateway's own Streamable HTTP servlet (JSON answers); it also serves one endpoint per
        listing upstream (`/mcp/g/u<i>-50`) and one with all their tools (`/mcp/g/all-1000`).
        `everything`: `@modelcontextprotocol/server-everything` over Streamable HTTP (SSE
        answers), full run only.
      - **Targets**, all in front of the same upstream process: `direct` (no hop), `nginx` (plain
        reverse proxy, keep-alive upstream connections, no buffering, `worker_processes auto`),
        `gatehouse` (the gateway built exactly as `gatehouse serve` builds it, run by
        `GatewayProbeMain`; flat mode, 21 upstreams: `echo` plus the 20 listing upstreams), and the
        Node peers (see the notes for which ones and why).
      - **Peers.** `@civic/passthrough-mcp-server` fronts one Streamable HTTP upstream
        (`TARGET_SERVER_URL` + `TARGET_SERVER_MCP_PATH`); a second instance fronts the 1,000-tool
        endpoint for the listing load. `mcp-hub` (4.2.1) was tried and left out: it connects to
        Streamable HTTP upstreams, but its own MCP endpoint speaks only the legacy HTTP+SSE
        transport (`GET /mcp` event stream, `POST /messages?sessionId=`), so the same Streamable
        HTTP load cannot be driven through it.
      - **Loads.** `LoadGenerator`: closed loop, N virtual threads each with its own keep-alive
        HTTP/1.1 connection and a bare HTTP client (cheaper than what it measures), one MCP
        session per target (asking for 2025-11-25, the revision the gateway speaks to its
        upstreams, so direct and proxied loads carry the same messages), a unique JSON-RPC id per
        call. `call-small` is `tools/call` of the
        echo tool with a 16-byte message, `call-100k` with a 100 KB message (and result),
        `list` is `tools/list` of 1,000 tools from 20 upstreams (direct and nginx: one upstream
        endpoint listing the same 1,000 tools). A call counts as an error unless it is answered
        HTTP 200 with a JSON-RPC result.
      - **Interleaving.** Every target is warmed up first with each kind of load the run measures
        (a JVM compiles each path before it is timed, not while it is: `call-small` at
        concurrency 16 for 30 s in a full run, 8 s in a quick one, the other kinds half as long;
        a profile of the gateway shows its JIT compiler still busy for about half a minute at
        these rates); then each repeat runs
        every load through every target, the order rotating, so drift of the shared, noisy 2-core
        machine spreads over all targets. Tables show medians over the repeats, and ratios
        against `direct` and `nginx` of the same run.
      - **Costs.** CPU per call: user + system ticks of the target's whole process tree (nginx
        master and workers, a JVM, node) from `/proc/<pid>/stat` before and after the run,
        divided by the calls. Allocation per call (gateway only): the probe JVM answers `stats` on
        its stdin with `ThreadMXBean.getTotalThreadAllocatedBytes()` (all threads, so the
        carriers of virtual threads too); nothing is added to the gateway itself. RSS from
        `/proc/<pid>/status`. The load generator, gateway and upstream share the 2 cores, so
        CPU per call and allocation per call are the steadiest figures.
      - **Scale checks.** Startup is `./gatehouse serve` as a user runs it (the launcher of this
        checkout, a home of its own, one upstream): the first start lists the upstream live and
        keeps its catalog (and leaves the launcher's class-data archive when there is none), the
        next three are timed from spawning the launcher to the first `tools/list` answered from
        the kept catalog. The other checks run a separate gateway each: idle sessions are opened
        with initialize + initialized and left idle, heap is read after full GCs before and
        after; the large catalog is 50 upstreams of 1,000 tools; the large result is a
        `tools/call` answered with 10 MB of text.
      - **Micro-benchmarks.** `gatehouse-bench/src/main/java/dev/gatehouse/bench/jmh`; run alone
        with `java -cp "$(cat gatehouse-bench/target/classpath.txt):gatehouse-bench/target/classes"
        org.openjdk.jmh.Main`. They are compiled by `./mvnw verify` but never run there.
      """;
}
