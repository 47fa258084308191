package io.brokerbench.harness.driver;

/**
 * A driver could not do what the harness asked: create a topic, connect, subscribe, send. It voids
 * the trial it happened in (the harness closes everything and reports the message); the suite goes
 * on with the next trial.
 *
 * <p>The message is a sentence for a user: which system and address, what was being done, what went
 * wrong, e.g. {@code "kafka at 127.0.0.1:40123: creating topic bb-7-t0 (16 partitions) timed out
 * after 30 s"}.
 */
public class DriverException extends Exception {
  private static final long serialVersionUID = 1L;

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The innermost cause of {@code e} as a line, its class and message ({@code ConnectException:
   * Connection refused}): what a client library's wrappers hide, for the driver's own sentence.
   */
  public static String innermost(Throwable e) {
    if (e == null) {
      return "no reason given";
    }
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage();
    return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
