package dev.gatehouse.registry;

import dev.gatehouse.catalog.Catalog;
import dev.gatehouse.protocol.Notification;
import dev.gatehouse.upstream.UpstreamConnection;

/** What the registry tells the endpoints: catalog changes and upstream events for clients. */
public interface CatalogListener {

  /**
   * The merged catalog was replaced. Each flag says whether that list differs, so endpoints send
   * only the {@code list_changed} notifications that mean something.
   */
  default void onCatalogChanged(
      Catalog catalog, boolean toolsChanged, boolean promptsChanged, boolean resourcesChanged) {}

  /** A notification from an upstream meant for clients (resources/updated, log messages). */
  default void onUpstreamNotification(UpstreamConnection upstream, Notification notification) {}
}
