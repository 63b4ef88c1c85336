package dev.gatehouse.audit;

/**
 * Receives one record per call outcome. Called on the calling thread after the answer is decided; a
 * sink that throws is logged and ignored, so it never changes what the caller gets.
 */
@FunctionalInterface
public interface AuditSink {
  void record(AuditRecord record);
}
