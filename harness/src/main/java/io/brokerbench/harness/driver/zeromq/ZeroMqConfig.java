package io.brokerbench.harness.driver.zeromq;

import java.time.Duration;

/**
 * How the {@link ZeroMqDriver} sets up its sockets. Every default that differs from jeromq's says
 * why.
 *
 * @param pattern which socket pattern carries a topic with one subscription (several always take
 *     PUB/SUB), and whether a proxy stands between producers and consumers; see {@link Pattern}
 * @param sendHighWaterMark messages a producer's socket queues per connected consumer before it
 *     blocks (PUSH, and PUB with {@code dropAtHighWaterMark=false}) or drops (PUB with {@code
 *     dropAtHighWaterMark=true}); ZeroMQ's {@code ZMQ_SNDHWM}
 * @param receiveHighWaterMark messages a consumer's socket queues per connected producer before the
 *     producer's side has to hold them; ZeroMQ's {@code ZMQ_RCVHWM}
 * @param dropAtHighWaterMark PUB/SUB only: false makes the producer's socket an XPUB with {@code
 *     ZMQ_XPUB_NODROP}, so a send blocks while any subscriber's queue is full, as PUSH does; true
 *     keeps ZeroMQ's PUB behaviour of dropping the message for that subscriber (the slow-subscriber
 *     experiment, claim Z3, where the harness counts the drops as missing messages)
 * @param ioThreads jeromq's background I/O threads for the whole trial
 * @param timeout for a producer to see every consumer connected and subscribed, for a send blocked
 *     at the high-water mark, and for threads to stop at close
 * @param linger how long a closed producer's socket keeps trying to hand its queued messages to the
 *     consumers ({@code ZMQ_LINGER}); the driver's close waits for it
 */
public record ZeroMqConfig(
    Pattern pattern,
    int sendHighWaterMark,
    int receiveHighWaterMark,
    boolean dropAtHighWaterMark,
    int ioThreads,
    Duration timeout,
    Duration linger) {

  /** The socket pattern of a topic with one subscription. */
  public enum Pattern {
    /**
     * PUSH/PULL for one subscription, the pipeline the vendor loop measures, where ZeroMQ spreads a
     * producer's messages over the consumers; PUB/SUB for several.
     */
    AUTO,
    /** PUB/SUB always, also for one subscription: for the slow-subscriber and late-joiner runs. */
    PUB_SUB,
    /**
     * PUB/SUB always, through one XSUB/XPUB proxy per topic instead of the mesh: producers and
     * consumers each connect to the proxy only (claim Z4's {@code M + N} against {@code M x N}).
     */
    PROXY
  }

  /**
   * 1,000 messages, ZeroMQ's own default, set explicitly so that it shows in the configuration and
   * so that jeromq's default cannot change under us. Measured on the development machine (1 KiB,
   * one producer, one consumer, PUSH/PULL): 600,000 to 660,000 msg/s delivered at 1,000 against
   * 460,000 to 550,000 at 10,000, with a quarter of the latency (short queues stay in the CPU's
   * caches and make less garbage). The usual worry with the default, PUB/SUB dropping under load,
   * does not apply: PUSH and the XPUB with {@code ZMQ_XPUB_NODROP} block at the mark instead of
   * dropping (see {@code dropAtHighWaterMark}); the slow-subscriber run sets a mark of its own. The
   * raw jeromq loop the suite compares with must use the same mark, for a like-with-like run.
   */
  public static final int DEFAULT_HIGH_WATER_MARK = 1_000;

  /**
   * 1, jeromq's default, kept on purpose: the machines have two cores, shared by producers,
   * consumers and the I/O thread; a second I/O thread only adds switching.
   */
  public static final int DEFAULT_IO_THREADS = 1;

  /**
   * 30 s: a connection on loopback takes milliseconds, a consumer empties a full queue in well
   * under a second; anything slower is a stuck peer, and the trial fails instead of hanging.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * 2 s instead of jeromq's default ({@code -1}, wait for ever): a live consumer takes what is
   * queued within milliseconds, and a dead one must not hold the driver's close for ever.
   */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(2);

  public ZeroMqConfig {
    if (pattern == null) {
      throw new IllegalArgumentException("pattern: give AUTO, PUB_SUB or PROXY");
    }
    if (sendHighWaterMark < 0) {
      throw new IllegalArgumentException(
          "sendHighWaterMark: must be 0 (no limit) or more, was " + sendHighWaterMark);
    }
    if (receiveHighWaterMark < 0) {
      throw new IllegalArgumentException(
          "receiveHighWaterMark: must be 0 (no limit) or more, was " + receiveHighWaterMark);
    }
    if (ioThreads < 1 || ioThreads > 64) {
      throw new IllegalArgumentException("ioThreads: must be 1 to 64, was " + ioThreads);
    }
    positive("timeout", timeout);
    if (linger == null || linger.isNegative()) {
      throw new IllegalArgumentException("linger: must be zero or more, was " + linger);
    }
    if (timeout.toMillis() > Integer.MAX_VALUE || linger.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout and linger: must be under 24 days");
    }
  }

  private static void positive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive, was " + value);
    }
  }

  /** The defaults. */
  public static ZeroMqConfig defaults() {
    return new ZeroMqConfig(
        Pattern.AUTO,
        DEFAULT_HIGH_WATER_MARK,
        DEFAULT_HIGH_WATER_MARK,
        false,
        DEFAULT_IO_THREADS,
        DEFAULT_TIMEOUT,
        DEFAULT_LINGER);
  }

  public ZeroMqConfig withPattern(Pattern newPattern) {
    return new ZeroMqConfig(
        newPattern,
        sendHighWaterMark,
        receiveHighWaterMark,
        dropAtHighWaterMark,
        ioThreads,
        timeout,
        linger);
  }

  /** Both high-water marks, send and receive. */
  public ZeroMqConfig withHighWaterMarks(int messages) {
    return new ZeroMqConfig(
        pattern, messages, messages, dropAtHighWaterMark, ioThreads, timeout, linger);
  }

  public ZeroMqConfig withDropAtHighWaterMark(boolean drop) {
    return new ZeroMqConfig(
        pattern, sendHighWaterMark, receiveHighWaterMark, drop, ioThreads, timeout, linger);
  }

  public ZeroMqConfig withIoThreads(int threads) {
    return new ZeroMqConfig(
        pattern,
        sendHighWaterMark,
        receiveHighWaterMark,
        dropAtHighWaterMark,
        threads,
        timeout,
        linger);
  }

  public ZeroMqConfig withTimeout(Duration newTimeout) {
    return new ZeroMqConfig(
        pattern,
        sendHighWaterMark,
        receiveHighWaterMark,
        dropAtHighWaterMark,
        ioThreads,
        newTimeout,
        linger);
  }
}
