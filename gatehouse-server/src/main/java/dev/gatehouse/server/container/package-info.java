/**
 * A small blocking HTTP/1.1 server that hosts the gateway's own servlets: one virtual thread per
 * connection reads each request on its socket and runs the servlet on that same thread, so a
 * request costs no selector wake-up and no hand-off between threads. Only what the gateway's
 * servlets use is served: no sessions, async, dispatch, multipart, upgrades or TLS; those methods
 * throw {@link java.lang.UnsupportedOperationException}. Embedders run the servlets in their own
 * container instead (see ADR 14).
 */
package dev.gatehouse.server.container;
