package dev.gatehouse.credential;

/**
 * A credential was presented but is not valid: unknown, revoked, expired, for another audience,
 * badly signed. The message says why in words safe to send back ({@code error_description}).
 */
public final class InvalidCredentialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidCredentialException(String message) {
    super(message);
  }

  public InvalidCredentialException(String message, Throwable cause) {
    super(message, cause);
  }
}
