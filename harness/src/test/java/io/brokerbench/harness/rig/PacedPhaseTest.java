package io.brokerbench.harness.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokerbench.harness.driver.Acknowledgements;
import io.brokerbench.harness.driver.BrokerDriver;
import io.brokerbench.harness.driver.DriverConsumer;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.driver.DriverProducer;
import io.brokerbench.harness.driver.Receiver;
import io.brokerbench.harness.driver.Topology;
import io.brokerbench.harness.driver.inmemory.InMemoryDriver;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PacedPhaseTest {
  private static final Topology ONE_TO_ONE = new Topology("paced", 1, 1, 1, 1, 1);
  private static final Duration DRAIN = Duration.ofSeconds(5);

  @Test
  void aRateTheSystemKeepsUpWithIsSustained() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.ACK, RigSettings.defaults())) {
      PacedResult result =
          PacedPhase.run(rig, SendPlan.timed(100, Duration.ofSeconds(1), 2_000), DRAIN);
      assertFalse(result.saturated(), result.saturation());
      assertEquals(2_000, result.scheduled());
      assertEquals(2_000, result.sent());
      assertEquals(2_000, result.deliveries());
      assertEquals(2_000, result.acknowledged());
      assertTrue(result.drained());
      assertEquals(2_000, result.achievedPerSec(), 2_000 * 0.05, "achieved");
      assertEquals(0, result.backlogGrowthPerSec(), 2_000 * 0.05, "no growing backlog");
    }
  }

  @Test
  void aProducerThatCannotSendAsFastAsScheduledFallsBehindItsSchedule() throws Exception {
    // Each send takes at least 1 ms: about 1,000 msg/s at most, against 2,000 scheduled.
    try (BrokerDriver driver = new SlowSendDriver(InMemoryDriver.create(), 1_000_000);
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, RigSettings.defaults())) {
      PacedResult result =
          PacedPhase.run(rig, SendPlan.timed(100, Duration.ofMillis(500), 2_000), DRAIN);
      assertTrue(result.saturated(), "saturated");
      assertTrue(result.saturation().startsWith("behind schedule: "), result.saturation());
      assertTrue(result.achievedPerSec() < 1_100, "achieved " + result.achievedPerSec());
      assertEquals(1_000, result.sent(), "late messages are still sent, late");
      assertTrue(result.sendElapsedNs() > 800_000_000L, "the phase ran long");
      assertTrue(
          result.sendDelayNs().getValueAtPercentile(99) > 200_000_000L,
          "the last sends were about 250 ms late");
      // Counted from the schedule, the queue in front of the client is a backlog: ~1,000 msg/s.
      assertTrue(
          result.backlogGrowthPerSec() > 500, "backlog growth " + result.backlogGrowthPerSec());
    }
  }

  @Test
  void aSendBlockedForLessThanATenthOfThePhaseIsATailNotSaturation() throws Exception {
    // One send in 500 blocks for 50 ms: about 5% of a 1 s phase at 1,000 msg/s is sent late.
    try (BrokerDriver driver = new BlockingEveryDriver(InMemoryDriver.create(), 500, 50_000_000);
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, RigSettings.defaults())) {
      PacedResult result =
          PacedPhase.run(rig, SendPlan.timed(100, Duration.ofSeconds(1), 1_000), DRAIN);
      assertFalse(result.saturated(), result.saturation());
      long delayP99Ns = result.sendDelayNs().getValueAtPercentile(99);
      assertTrue(
          delayP99Ns > 20_000_000L && delayP99Ns <= 100_000_000L,
          "send delay p99 within the bound, and showing the blocks: " + delayP99Ns);
    }
  }

  @Test
  void everyRuleGivesItsVerdictAndTheFirstThatAppliesNamesIt() {
    Duration drain = Duration.ofSeconds(2);
    assertEquals("", judge(1_000, 1_000, 0, true, false, 2_000_000, 990, 10, drain));
    assertTrue(
        judge(1_000, 1_000, 0, true, true, 2_000_000, 990, 10, drain).startsWith("stalled: "));
    assertEquals(
        "undrained: 12 deliveries were missing 2.0 s after the last send",
        judge(1_000, 1_000, 12, false, false, 2_000_000, 990, 10, drain));
    // Not one message may go unsent.
    assertEquals(
        "unsent: the producers sent 999 of 1,000 scheduled messages (the in-flight window held"
            + " them back)",
        judge(1_000, 999, 0, true, false, 2_000_000, 990, 10, drain));
    // The bound is 10% of the 1 s phase: 100 ms.
    assertEquals("", judge(1_000, 1_000, 0, true, false, 100_000_000, 990, 10, drain));
    assertEquals(
        "behind schedule: send delay p99 100.1 ms, over 10% of the 1.0 s phase (100 ms)",
        judge(1_000, 1_000, 0, true, false, 100_100_000, 990, 10, drain));
    assertEquals(
        "slow delivery: delivered 940 msg/s, below 95% of the 1,000 msg/s scheduled",
        judge(1_000, 1_000, 0, true, false, 2_000_000, 940, 10, drain));
    assertEquals(
        "growing backlog: it grew by 60 msg/s while sending (more than 5% of the target rate)",
        judge(1_000, 1_000, 0, true, false, 2_000_000, 990, 60, drain));
  }

  /** A 1-second phase at 1,000 msg/s. */
  private static String judge(
      long scheduled,
      long sent,
      long missing,
      boolean drained,
      boolean stalled,
      long sendDelayP99Ns,
      double achieved,
      double growth,
      Duration drain) {
    return PacedPhase.saturation(
        1_000,
        scheduled,
        scheduled,
        sent,
        missing,
        drained,
        stalled,
        sendDelayP99Ns,
        1_000_000_000L,
        achieved,
        growth,
        drain);
  }

  @Test
  void anUnpacedPlanIsRefused() throws Exception {
    try (InMemoryDriver driver = InMemoryDriver.create();
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, RigSettings.defaults())) {
      assertThrows(
          IllegalArgumentException.class,
          () -> PacedPhase.run(rig, SendPlan.timed(100, Duration.ofMillis(10), 0), DRAIN));
    }
  }

  @Test
  void poissonArrivalsKeepTheMeanRateWithExponentialGaps() throws Exception {
    List<Long> intended = new ArrayList<>();
    try (BrokerDriver driver = new RecordingDriver(InMemoryDriver.create(), intended);
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, RigSettings.defaults())) {
      SendPlan plan =
          SendPlan.timed(100, Duration.ofSeconds(1), 5_000).withArrivals(Arrivals.POISSON);
      PacedResult result = PacedPhase.run(rig, plan, DRAIN);
      // A Poisson count at mean 5,000 has a standard deviation of about 71: 5% is 3.5 of them.
      assertEquals(5_000, result.sent(), 250, "sent");
      double[] gaps = gaps(intended);
      // Exponential gaps: the standard deviation equals the mean (coefficient of variation 1);
      // evenly spaced ones have none.
      double cv = stdDev(gaps) / mean(gaps);
      assertEquals(1.0, cv, 0.1, "coefficient of variation of the gaps");
      assertEquals(200_000, mean(gaps), 200_000 * 0.05, "mean gap, ns");
    }
  }

  @Test
  void poissonSchedulesRepeatExactly() throws Exception {
    double[] first = poissonGaps();
    double[] second = poissonGaps();
    assertTrue(first.length > 100);
    assertEquals(first.length, second.length);
    for (int i = 0; i < first.length; i++) {
      // Each intended time is truncated to whole nanoseconds, once per message.
      assertEquals(first[i], second[i], 2, "gap " + i);
    }
  }

  @Test
  void poissonNeedsARate() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SendPlan.timed(100, Duration.ofSeconds(1), 0).withArrivals(Arrivals.POISSON));
    assertEquals(Arrivals.POISSON, Arrivals.fromKey(" Poisson"));
    assertThrows(IllegalArgumentException.class, () -> Arrivals.fromKey("bursty"));
  }

  private static double[] poissonGaps() throws Exception {
    List<Long> intended = new ArrayList<>();
    try (BrokerDriver driver = new RecordingDriver(InMemoryDriver.create(), intended);
        LoadRig rig =
            LoadRig.start(driver, ONE_TO_ONE, GuaranteeTier.NONE, RigSettings.defaults())) {
      rig.send(SendPlan.timed(100, Duration.ofMillis(200), 2_000).withArrivals(Arrivals.POISSON));
    }
    return gaps(intended);
  }

  private static double[] gaps(List<Long> intended) {
    double[] gaps = new double[intended.size() - 1];
    for (int i = 1; i < intended.size(); i++) {
      gaps[i - 1] = intended.get(i) - intended.get(i - 1);
    }
    return gaps;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  private static double stdDev(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }

  /** The in-memory driver, its producers wrapped. */
  private abstract static class WrappingDriver implements BrokerDriver {
    private final InMemoryDriver delegate;

    WrappingDriver(InMemoryDriver delegate) {
      this.delegate = delegate;
    }

    abstract void beforeSend(byte[] payload);

    @Override
    public boolean offers(GuaranteeTier tier) {
      return delegate.offers(tier);
    }

    @Override
    public void prepare(Topology topology, GuaranteeTier tier) throws DriverException {
      delegate.prepare(topology, tier);
    }

    @Override
    public DriverConsumer startConsumer(
        int topic, int subscription, int consumer, Receiver receiver) throws DriverException {
      return delegate.startConsumer(topic, subscription, consumer, receiver);
    }

    @Override
    public DriverProducer createProducer(int topic, int producer, Acknowledgements acks)
        throws DriverException {
      DriverProducer real = delegate.createProducer(topic, producer, acks);
      return new DriverProducer() {
        @Override
        public void send(int partition, byte[] payload)
            throws DriverException, InterruptedException {
          beforeSend(payload);
          real.send(partition, payload);
        }

        @Override
        public void close() throws DriverException {
          real.close();
        }
      };
    }

    @Override
    public void close() throws DriverException {
      delegate.close();
    }
  }

  /** Each send takes at least {@code sendNs}, as a client blocked by its broker would. */
  private static final class SlowSendDriver extends WrappingDriver {
    private final long sendNs;

    SlowSendDriver(InMemoryDriver delegate, long sendNs) {
      super(delegate);
      this.sendNs = sendNs;
    }

    @Override
    void beforeSend(byte[] payload) {
      long until = System.nanoTime() + sendNs;
      while (until - System.nanoTime() > 0) {
        LockSupport.parkNanos(until - System.nanoTime());
      }
    }
  }

  /** Every {@code every}-th send blocks for {@code blockNs}, as a client waiting out a pause. */
  private static final class BlockingEveryDriver extends WrappingDriver {
    private final long every;
    private final long blockNs;
    private long sends;

    BlockingEveryDriver(InMemoryDriver delegate, long every, long blockNs) {
      super(delegate);
      this.every = every;
      this.blockNs = blockNs;
    }

    @Override
    void beforeSend(byte[] payload) {
      if (++sends % every == 0) {
        long until = System.nanoTime() + blockNs;
        while (until - System.nanoTime() > 0) {
          LockSupport.parkNanos(until - System.nanoTime());
        }
      }
    }
  }

  /** Notes every message's intended send time, in send order (one producer). */
  private static final class RecordingDriver extends WrappingDriver {
    private final List<Long> intended;

    RecordingDriver(InMemoryDriver delegate, List<Long> intended) {
      super(delegate);
      this.intended = intended;
    }

    @Override
    void beforeSend(byte[] payload) {
      intended.add(PayloadHeader.intendedSendNs(payload));
    }
  }
}
