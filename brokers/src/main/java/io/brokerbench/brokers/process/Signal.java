package io.brokerbench.brokers.process;

/** The POSIX signals the launchers send, each with what it does to a broker. */
public enum Signal {
  /** Asks the process to shut down cleanly (a broker flushes and closes its logs). */
  TERM,
  /**
   * Ends the process at once: a crash, with nothing flushed beyond what the OS page cache holds.
   */
  KILL,
  /**
   * Freezes the process; its sockets stay open but nothing answers (a long GC pause, a hung VM).
   */
  STOP,
  /** Thaws a process frozen by {@link #STOP}. */
  CONT
}
