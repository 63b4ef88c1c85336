package dev.gatehouse.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The command's logging, found by logback as a service: lines on stderr (stdout belongs to the
 * command: stdio mode, printed keys, JSON output), at {@code GATEHOUSE_LOG_LEVEL} (a system
 * property or an environment variable; {@code INFO} by default), with the connection pool and
 * Flyway at {@code WARN} (the store logs its own line when migrations run).
 *
 * <p>Written in code rather than as a {@code logback.xml}: reading the XML took about a tenth of
 * the time {@code serve} needs to be ready. A {@code logback.configurationFile} system property or
 * a {@code logback-test.xml} on the class path still wins; logback then reads that file.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
  static final Map<String, Level> QUIETER = quieter();

  private final UnaryOperator<String> variables;
  private final Predicate<String> resources;

  /** What logback's service loader calls. */
  public LoggingConfigurator() {
    this(
        name -> System.getProperty(name, System.getenv(name)),
        name -> LoggingConfigurator.class.getClassLoader().getResource(name) != null);
  }

  /**
   * @param variables system properties, then environment variables
   * @param resources whether a resource is on the class path
   */
  LoggingConfigurator(UnaryOperator<String> variables, Predicate<String> resources) {
    this.variables = variables;
    this.resources = resources;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (variables.apply("logback.configurationFile") != null
        || resources.test("logback-test.xml")) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(variables.apply("GATEHOUSE_LOG_LEVEL"), Level.INFO));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Map<String, Level> quieter() {
    return Map.of("com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN);
  }
}
