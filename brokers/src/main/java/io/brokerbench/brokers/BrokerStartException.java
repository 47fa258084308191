package io.brokerbench.brokers;

import java.nio.file.Path;
import java.util.Map;

/**
 * A broker that did not become ready: it exited during start, or it did not answer in time. The
 * message names the broker, its ports and its log, and quotes the end of the log.
 */
public final class BrokerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerStartException(
      String broker, String what, Map<String, Integer> ports, Path logFile, String logTail) {
    super(
        String.format(
            "%s %s.%n  ports: %s%n  log: %s%n  last lines of the log:%n%s",
            broker, what, ports, logFile, logTail));
  }
}
