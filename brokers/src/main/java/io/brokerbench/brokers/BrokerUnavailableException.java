package io.brokerbench.brokers;

/**
 * A broker that cannot be started on this machine at all: its software is not installed, or a limit
 * of the machine rules the requested layout out. The message says what to install or change.
 */
public final class BrokerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerUnavailableException(String message) {
    super(message);
  }
}
