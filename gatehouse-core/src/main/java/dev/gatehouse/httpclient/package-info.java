/**
 * A small blocking HTTP/1.1 client for the upstream transports: per origin a bounded pool of
 * keep-alive sockets, each request written and its answer read on the calling (virtual) thread, no
 * selector thread and no hand-over between threads. Bodies stream: by {@code Content-Length},
 * chunked, or until the server closes. TLS through {@link javax.net.ssl.SSLSocketFactory} with host
 * name verification.
 *
 * <p>Not API: it does what the Streamable HTTP and SSE transports need and nothing more (no HTTP/2,
 * no proxies, no cookies, no compression). Anything here may change.
 */
package dev.gatehouse.httpclient;
