package dev.gatehouse.bench.run;

import dev.gatehouse.bench.load.LoadResult;
import java.util.OptionalDouble;

/**
 * One timed run of one load through one target, with the target's own costs.
 *
 * @param cpuMicrosPerCall CPU of the target's process tree per call; empty for direct
 * @param upstreamCpuMicrosPerCall CPU of the upstream per call, for context
 * @param allocatedBytesPerCall heap allocated per call in the gateway (our probe only)
 * @param rssBytes resident memory of the target after the run
 */
record Measurement(
    Load load,
    String target,
    int repeat,
    LoadResult result,
    OptionalDouble cpuMicrosPerCall,
    OptionalDouble upstreamCpuMicrosPerCall,
    OptionalDouble allocatedBytesPerCall,
    OptionalDouble rssBytes) {}
