package dev.gatehouse.approval;

import java.net.URI;

/**
 * Tells someone that a call waits for approval: opens a browser, posts to a webhook, messages a
 * chat. Runs on its own virtual thread; a notifier that fails or hangs never delays or decides the
 * approval, which stays pending for the page and the JSON API.
 */
@FunctionalInterface
public interface ApprovalNotifier {
  /**
   * @param approval what waits
   * @param page where a human decides it: the approval page, with the approval's id as fragment
   */
  void notify(PendingApproval approval, URI page);
}
