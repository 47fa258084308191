package io.brokerbench.harness.driver;

import java.util.List;

/** Closing a driver's producers and consumers: each one, whatever the others did. */
public final class Closing {
  private Closing() {}

  /**
   * Closes every one of {@code parts}; the message of each failure is added to {@code problems}, so
   * the driver can report them all once everything is closed.
   *
   * @return true when every part closed cleanly
   */
  public static boolean closeAll(Iterable<? extends AutoCloseable> parts, List<String> problems) {
    boolean clean = true;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        problems.add(e.getMessage());
        clean = false;
      }
    }
    return clean;
  }
}
