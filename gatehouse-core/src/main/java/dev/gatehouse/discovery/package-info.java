/**
 * Progressive discovery: endpoint modes ({@code flat}, {@code discovery}, {@code hybrid}), the
 * meta-tools that let a model find, inspect and run upstream tools on demand instead of receiving
 * every schema up front, ranked search over the catalog, and the instructions that name the
 * domains. {@link dev.gatehouse.discovery.ToolDiscovery} is the entry point an endpoint holds;
 * {@link dev.gatehouse.discovery.DiscoverySettings} its typed configuration.
 */
package dev.gatehouse.discovery;
