package io.brokerbench.brokers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logging configuration of the Kafka and ZooKeeper JVMs: everything to standard output, which
 * the launcher writes to the broker's log file, with the same quiet loggers in log4j 1.x (reload4j:
 * Kafka 3.9.1 and ZooKeeper) and log4j 2 (Kafka 4) syntax.
 */
public final class Log4j {
  private Log4j() {}

  /** Loggers that would write a line per partition and state change, at WARN only. */
  private static final List<String> QUIET =
      List.of(
          "state.change.logger",
          "kafka.request.logger",
          "kafka.log.LogCleaner",
          "org.apache.kafka.storage.internals.log",
          "kafka.log");

  /** log4j 1.x's {@code log4j.properties}. */
  public static Map<String, String> consoleConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("log4j.rootLogger", "INFO, stdout");
    config.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
    config.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
    config.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
    // One line per partition and state change: with thousands of partitions these logs would be
    // gigabytes and slow the broker down, and nothing in brokerbench reads them.
    QUIET.forEach(logger -> config.put("log4j.logger." + logger, "WARN"));
    return config;
  }

  /** log4j 2's {@code log4j2.properties}, the same configuration. */
  public static Map<String, String> console2Config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("rootLogger.level", "INFO");
    config.put("rootLogger.appenderRef.stdout.ref", "STDOUT");
    config.put("appender.stdout.type", "Console");
    config.put("appender.stdout.name", "STDOUT");
    config.put("appender.stdout.layout.type", "PatternLayout");
    config.put("appender.stdout.layout.pattern", "[%d] %p %m (%c)%n");
    for (int i = 0; i < QUIET.size(); i++) {
      config.put("logger.quiet" + i + ".name", QUIET.get(i));
      config.put("logger.quiet" + i + ".level", "WARN");
    }
    return config;
  }
}
