package dev.gatehouse.bench.load;

import java.util.Optional;

/**
 * What one timed load measured at the client.
 *
 * @param calls answered calls (successes and errors)
 * @param errors calls answered with an HTTP error, a JSON-RPC error, or not at all
 * @param callsPerSecond successful calls per second of wall time
 * @param p50Micros median latency of all calls
 * @param p99Micros 99th percentile latency
 * @param firstError the first failure seen, for the report
 */
public record LoadResult(
    int concurrency,
    double seconds,
    long calls,
    long errors,
    double callsPerSecond,
    double p50Micros,
    double p99Micros,
    Optional<String> firstError) {}
