package dev.gatehouse.cli.config;

/** A config file that cannot be used; the message names the file and what is wrong. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
