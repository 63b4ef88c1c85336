package dev.gatehouse.upstream.internal;

import dev.gatehouse.endpoint.Exchange;
import dev.gatehouse.protocol.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * One request sent upstream and not yet answered.
 *
 * @param id the id on the upstream wire; also the progress token sent upstream when the caller
 *     asked for progress
 * @param method the request's method
 * @param origin the downstream exchange it serves
 * @param progressToken the caller's own progress token, restored on progress notifications
 * @param answer completes with the upstream's response, or exceptionally with a {@link
 *     dev.gatehouse.protocol.GatewayException} or {@link TransportException}
 */
record InFlightCall(
    long id,
    String method,
    Optional<Exchange> origin,
    Optional<JsonNode> progressToken,
    CompletableFuture<Response> answer) {}
