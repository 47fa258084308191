package io.brokerbench.harness.rig;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.Backoff;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.measure.NanoClock;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.measure.SequenceTracker;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * One producer's sending phase, on its own thread: the rig's send loop (stamp, pace, window, send).
 * Its own class so that the loop every throughput and latency figure rests on can be read on its
 * own, apart from the rig's set-up and books. After the thread has ended, {@link #outcome()} says
 * whether the producer stalled and how many sends were due.
 */
final class ProducerLoop implements Runnable {
  /** What one producer's phase came to; read by the rig once the thread has ended. */
  record Outcome(boolean stalled, long scheduled) {}

  private final LoadRig rig;
  private final Topology topology;
  private final NanoClock clock;
  private final int id;
  private final int producerIndex;
  private final int partitions;
  private final SendPlan plan;
  private final long phaseStartNs;
  private final AtomicReference<Throwable> failure;
  private final TrialBooks books;
  private final PerProducer sent;
  private final PerProducer windowWaitNs;
  private final Recorder sendDelayNs;
  private final Acknowledgements acks;
  private final DriverProducer producer;
  private final int window;
  private final Duration stallTimeout;
  private final boolean windowed;
  private final Backoff backoff = new Backoff();

  /** Known to be done (received by all subscriptions, or failed); only grows. */
  private long doneLowerBound;

  /** The window made no progress for the stall timeout; written by this loop's thread. */
  private boolean stalled;

  /** Sends due within the phase (paced), or sent (unpaced); written by this loop's thread. */
  private long scheduled;

  ProducerLoop(
      LoadRig rig,
      int id,
      SendPlan plan,
      long phaseStartNs,
      AtomicReference<Throwable> failure,
      DriverProducer producer) {
    this.rig = rig;
    this.topology = rig.topology();
    this.clock = rig.settings.clock();
    this.id = id;
    this.producerIndex = id - topology.producerId(topology.topicOf(id), 0);
    this.partitions = topology.partitionsPerTopic();
    this.plan = plan;
    this.phaseStartNs = phaseStartNs;
    this.failure = failure;
    this.books = rig.books;
    this.sent = books.sent;
    this.windowWaitNs = books.windowWaitNs;
    this.sendDelayNs = rig.sendDelayNs();
    this.acks = books.acknowledgements.get(id);
    this.producer = producer;
    this.window = rig.settings.inFlightWindowMessages();
    this.stallTimeout = rig.settings.stallTimeout();
    // Alone, at tier none, nothing ever comes back to free a window.
    this.windowed = topology.subscriptionsPerTopic() > 0 || rig.tier() != GuaranteeTier.NONE;
  }

  /** Whether this producer stalled and how many sends were due; once its thread has ended. */
  Outcome outcome() {
    return new Outcome(stalled, scheduled);
  }

  @Override
  public void run() {
    try {
      sendAll();
    } catch (InterruptedException e) {
      // Stopped by the rig: the phase ends here.
    } catch (Throwable e) {
      failure.compareAndSet(
          null,
          e instanceof DriverException
              ? new DriverException(
                  "producer "
                      + id
                      + " of "
                      + topology.topicName(topology.topicOf(id))
                      + ": "
                      + e.getMessage(),
                  e)
              : e);
    }
  }

  private void sendAll() throws DriverException, InterruptedException {
    long firstSequence = sent.get(id);
    long lastSequence =
        plan.messagesPerProducer() == Long.MAX_VALUE
            ? SequenceTracker.MAX_SEQUENCE
            : Math.min(
                SequenceTracker.MAX_SEQUENCE, firstSequence + plan.messagesPerProducer() - 1);
    long deadlineNs =
        plan.durationNs() == Long.MAX_VALUE ? Long.MAX_VALUE : phaseStartNs + plan.durationNs();
    Schedule schedule =
        plan.paced() ? new Schedule(plan, id, topology.totalProducers(), firstSequence) : null;
    try {
      sendEach(firstSequence, lastSequence, deadlineNs, schedule);
    } finally {
      scheduled =
          schedule == null
              ? sent.get(id) - firstSequence
              : schedule.withinPhase(lastSequence - firstSequence + 1);
    }
  }

  private void sendEach(long firstSequence, long lastSequence, long deadlineNs, Schedule schedule)
      throws DriverException, InterruptedException {
    // Round robin over the partitions from (producerIndex + sequence) % partitions, counted on
    // rather than divided at every send.
    int partition = (int) ((producerIndex + firstSequence) % partitions);
    for (long sequence = firstSequence; sequence <= lastSequence; sequence++) {
      if (rig.stopping) {
        return;
      }
      long intendedNs = 0;
      if (schedule != null) {
        intendedNs = phaseStartNs + schedule.next();
        if (intendedNs - deadlineNs >= 0) {
          return;
        }
        waitUntil(intendedNs);
      } else if (deadlineNs != Long.MAX_VALUE && clock.nanoTime() - deadlineNs >= 0) {
        return;
      }
      if (windowed && !awaitWindow(sequence, deadlineNs)) {
        return;
      }
      long nowNs = clock.nanoTime();
      if (schedule != null) {
        sendDelayNs.recordValue(Math.max(0, nowNs - intendedNs));
      } else {
        intendedNs = nowNs;
      }
      byte[] payload = new byte[plan.messageBytes()];
      PayloadHeader.write(payload, id, partition, sequence, intendedNs);
      producer.send(partition, payload);
      sent.setRelease(id, sequence + 1);
      partition = partition + 1 == partitions ? 0 : partition + 1;
    }
  }

  private void waitUntil(long intendedNs) throws InterruptedException {
    long remainingNs;
    while ((remainingNs = intendedNs - clock.nanoTime()) > 0) {
      if (rig.stopping || Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (remainingNs > 200_000) {
        // Parks overshoot by ~50 µs on Linux: park short of the mark, spin the rest.
        LockSupport.parkNanos(remainingNs - 100_000);
      } else {
        Thread.yield();
      }
    }
  }

  /**
   * Waits while {@code sequence} (the number sent so far) would exceed the window. False when the
   * phase should end instead: its deadline passed, or no progress for the stall timeout.
   */
  private boolean awaitWindow(long sentSoFar, long deadlineNs) throws InterruptedException {
    if (sentSoFar - doneLowerBound < window) {
      return true;
    }
    long waitStartNs = clock.nanoTime();
    try {
      return awaitWindowSlowly(sentSoFar, deadlineNs);
    } finally {
      windowWaitNs.getAndAdd(id, clock.nanoTime() - waitStartNs);
    }
  }

  private boolean awaitWindowSlowly(long sentSoFar, long deadlineNs) throws InterruptedException {
    backoff.reset();
    long lastDone = -1;
    long lastProgressNs = clock.nanoTime();
    long stallNs = stallTimeout.toNanos();
    while (true) {
      long done = sentSoFar - books.outstanding(id);
      doneLowerBound = Math.max(doneLowerBound, done);
      if (sentSoFar - done < window) {
        return true;
      }
      long nowNs = clock.nanoTime();
      if (done != lastDone) {
        lastDone = done;
        lastProgressNs = nowNs;
      } else if (nowNs - lastProgressNs > stallNs) {
        stalled = true;
        return false;
      }
      if (deadlineNs != Long.MAX_VALUE && nowNs - deadlineNs >= 0) {
        return false;
      }
      if (rig.stopping || Thread.interrupted()) {
        throw new InterruptedException();
      }
      backoff.idle();
    }
  }
}
