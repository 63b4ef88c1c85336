package dev.gatehouse.bench.run;

import java.net.URI;
import java.util.Optional;

/**
 * One thing the load is driven through: the upstream itself, a proxy, our gateway or a peer.
 *
 * @param name {@code direct}, {@code nginx}, {@code gatehouse}, or a peer's package name
 * @param version what was measured (a package version, nginx's, the commit)
 * @param callEndpoint where {@code tools/call} loads go
 * @param listEndpoint where the 1,000-tool listing load goes, when this target can serve it
 * @param process the process whose CPU and memory are charged to the target; none for direct
 * @param listProcess the process serving the listing load (a peer that fronts one upstream needs a
 *     second instance for it)
 * @param probe true when the process is our probe and answers allocation questions
 */
record Target(
    String name,
    String version,
    URI callEndpoint,
    Optional<URI> listEndpoint,
    Optional<ChildProcess> process,
    Optional<ChildProcess> listProcess,
    boolean probe) {

  Optional<ChildProcess> processFor(boolean listing) {
    return listing ? listProcess : process;
  }
}
