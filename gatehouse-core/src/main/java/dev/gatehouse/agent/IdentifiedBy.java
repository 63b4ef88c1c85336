package dev.gatehouse.agent;

import dev.gatehouse.hook.Identity;
import java.util.Locale;

/**
 * How a request's agent was established; audit lines name it ({@code identified_by}), and it is the
 * {@value #ATTRIBUTE} attribute of the caller's {@link Identity}.
 */
public enum IdentifiedBy {
  /** An API key in {@code Authorization: Bearer}. */
  API_KEY,
  /** A JWT access token in {@code Authorization: Bearer}. */
  JWT,
  /** An authenticator of an embedding application or plugin. */
  CREDENTIAL,
  /** The {@code agent_id} argument of a tool call, where trusted. */
  AGENT_ID_ARGUMENT,
  /** Nothing named one; the configured default agent or the {@code default} agent applies. */
  DEFAULT_AGENT,
  /** Nothing named one and there is no fallback. */
  NONE;

  /** The identity attribute that carries it. */
  public static final String ATTRIBUTE = "identified_by";

  /** As written in audit lines and status: {@code api_key}, {@code agent_id_argument}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What an identity says about itself; {@link #CREDENTIAL} for one that says nothing. */
  public static IdentifiedBy of(Identity identity) {
    if (identity.isAnonymous()) {
      return NONE;
    }
    String value = identity.attributes().get(ATTRIBUTE);
    if (value != null) {
      for (IdentifiedBy by : values()) {
        if (by.id().equals(value)) {
          return by;
        }
      }
    }
    return CREDENTIAL;
  }
}
