/**
 * The list answers of an endpoint ({@code tools/list} and the others), worked out once per catalog
 * snapshot and caller's view instead of once per request: the items that pass the view, and their
 * JSON text, which every later answer writes as it is.
 */
package dev.gatehouse.listing;
