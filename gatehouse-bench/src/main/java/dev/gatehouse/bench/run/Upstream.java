package dev.gatehouse.bench.run;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An upstream the targets front.
 *
 * @param name {@code echo} (our bench upstream) or {@code everything} (server-everything)
 * @param version what runs
 * @param url its MCP endpoint for calls
 * @param listUrl one endpoint listing all the listing load's tools, when it has one
 * @param groupUrls the same tools split over several upstream endpoints, for gateways
 * @param process the upstream's own process
 */
record Upstream(
    String name,
    String version,
    URI url,
    Optional<URI> listUrl,
    List<URI> groupUrls,
    ChildProcess process) {}
