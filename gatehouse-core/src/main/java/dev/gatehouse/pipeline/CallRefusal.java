package dev.gatehouse.pipeline;

import dev.gatehouse.audit.AuditDecision;
import dev.gatehouse.protocol.ErrorCode;
import dev.gatehouse.protocol.GatewayException;

/** Governance refused a call; carries how the audit log should name the refusal. */
final class CallRefusal extends GatewayException {
  private final AuditDecision decision;

  CallRefusal(AuditDecision decision, ErrorCode code, String message) {
    super(code, message);
    this.decision = decision;
  }

  AuditDecision decision() {
    return decision;
  }
}
