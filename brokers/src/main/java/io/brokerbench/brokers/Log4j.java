package io.brokerbench.brokers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log4j 1.x (reload4j) configuration of the Kafka 3.9.1 and ZooKeeper JVMs: everything to
 * standard output, which the launcher writes to the broker's log file.
 */
public final class Log4j {
  private Log4j() {}

  public static Map<String, String> consoleConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("log4j.rootLogger", "INFO, stdout");
    config.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
    config.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
    config.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
    // One line per partition and state change: with thousands of partitions these logs would be
    // gigabytes and slow the broker down, and nothing in brokerbench reads them.
    config.put("log4j.logger.state.change.logger", "WARN");
    config.put("log4j.logger.kafka.request.logger", "WARN");
    config.put("log4j.logger.kafka.log.LogCleaner", "WARN");
    config.put("log4j.logger.org.apache.kafka.storage.internals.log", "WARN");
    config.put("log4j.logger.kafka.log", "WARN");
    return config;
  }
}
