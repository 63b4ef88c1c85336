package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingConfiguratorTest {

  private static LoggerContext configure(Map<String, String> variables, String... resources) {
    LoggerContext context = new LoggerContext();
    LoggingConfigurator configurator =
        new LoggingConfigurator(variables::get, name -> List.of(resources).contains(name));
    configurator.setContext(context);
    assertThat(configurator.configure(context))
        .isEqualTo(
            variables.containsKey("logback.configurationFile") || resources.length > 0
                ? ExecutionStatus.INVOKE_NEXT_IF_ANY
                : ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    return context;
  }

  @Test
  void linesGoToStderrWithTheTimeLevelAndShortLoggerName() {
    Logger root = configure(Map.of()).getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDERR"))
        .isInstanceOfSatisfying(
            ConsoleAppender.class,
            stderr -> {
              assertThat(stderr.getTarget()).isEqualTo("System.err");
              assertThat(stderr.isStarted()).isTrue();
              assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                  .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
            });
  }

  @Test
  void theLevelComesFromGatehouseLogLevel() {
    LoggerContext context = configure(Map.of("GATEHOUSE_LOG_LEVEL", "warn"));

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.gatehouse.cli.Daemon").getEffectiveLevel())
        .isEqualTo(Level.WARN);
  }

  @Test
  void thePoolAndFlywaySayOnlyWarnings() {
    LoggerContext context = configure(Map.of("GATEHOUSE_LOG_LEVEL", "DEBUG"));

    for (String noisy : new String[] {"com.zaxxer.hikari.pool", "org.flywaydb"}) {
      assertThat(context.getLogger(noisy).getEffectiveLevel()).as(noisy).isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("dev.gatehouse.store.jdbc.Migrations").getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
  }

  @Test
  void aConfigurationFileOrLogbackTestXmlIsLeftToLogback() {
    LoggerContext named = configure(Map.of("logback.configurationFile", "/etc/gatehouse/log.xml"));
    LoggerContext forTests = configure(Map.of(), "logback-test.xml");

    for (LoggerContext context : new LoggerContext[] {named, forTests}) {
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
  }

  @Test
  void logbackFindsItAsAService() {
    LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();

    assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
        .isInstanceOf(ConsoleAppender.class);
    assertThat(running.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
  }
}
