package dev.gatehouse.cli.admin;

import dev.gatehouse.cli.ExitCodes;

/**
 * Why an admin command could not do its work, as one line for people and an exit code: the input or
 * the request was refused ({@link ExitCodes#BAD_CONFIG}), or the gateway is not running or failed
 * ({@link ExitCodes#FAILED}).
 */
public final class AdminCallException extends RuntimeException {
  private final int exitCode;
  private final int status;
  private final String code;

  private AdminCallException(String message, int exitCode, int status, String code) {
    super(message);
    this.exitCode = exitCode;
    this.status = status;
    this.code = code;
  }

  static AdminCallException notRunning(GatewayAddress address) {
    return new AdminCallException(
        "no gateway is running at " + address.base() + "; start it with ./gatehouse serve",
        ExitCodes.FAILED,
        0,
        "not_running");
  }

  /** Input the command refuses before sending anything. */
  static AdminCallException invalid(String message) {
    return new AdminCallException(message, ExitCodes.BAD_CONFIG, 0, "invalid");
  }

  static AdminCallException failed(String message) {
    return new AdminCallException(message, ExitCodes.FAILED, 0, "failed");
  }

  /** The API's JSON error; 4xx is the caller's to fix, 5xx the gateway's. */
  static AdminCallException refused(int status, String code, String message) {
    String text =
        status == 401
            ? "the gateway refused the admin token: set \"admin_token\" in the config to the"
                + " daemon's"
            : message;
    return new AdminCallException(
        text, status >= 500 ? ExitCodes.FAILED : ExitCodes.BAD_CONFIG, status, code);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status of a refusal; 0 when the request got no answer or was not sent. */
  public int status() {
    return status;
  }

  /** The API's error code ({@code duplicate}, {@code not_found}, ...) or a local one. */
  public String code() {
    return code;
  }
}
