package dev.gatehouse.upstream;

import dev.gatehouse.protocol.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every state change and notification a connection reports. */
final class RecordingListener implements UpstreamListener {
  final List<UpstreamState> states = new CopyOnWriteArrayList<>();
  final List<Notification> notifications = new CopyOnWriteArrayList<>();

  @Override
  public void onNotification(UpstreamConnection upstream, Notification notification) {
    notifications.add(notification);
  }

  @Override
  public void onStateChanged(UpstreamConnection upstream, UpstreamState state) {
    states.add(state);
  }

  List<String> notificationMethods() {
    return notifications.stream().map(Notification::method).toList();
  }
}
