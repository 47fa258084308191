package io.brokerbench.bench.durability;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.durability.DurabilityRow.Scenario;
import io.brokerbench.brokers.Work;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.List;

/**
 * The durability suite's ZeroMQ scenarios, all at tier none and brokerless: a PUSH/PULL consumer
 * crashed and restarted, a slow PUB/SUB subscriber at a small high-water mark, and a late joiner.
 * {@link ZeroMqFaults} runs them on raw sockets; this class turns each result into a row through
 * the suite's {@link ScenarioRunner}.
 *
 * @param settings the profile's sizes, tiers and scenarios
 * @param runner makes each trial a row, shared with the suite's other systems
 */
record ZeroMqScenarios(DurabilitySettings settings, ScenarioRunner runner) {

  /** The high-water mark of the slow-subscriber run: small, so that the drops show quickly. */
  static final int SLOW_SUBSCRIBER_HWM = 100;

  void run() {
    if (!settings.runs(GuaranteeTier.NONE)) {
      return; // every ZeroMQ scenario is at tier none
    }
    String system = BenchSystem.ZEROMQ.label();
    ZeroMqFaults faults = new ZeroMqFaults(settings);
    Scenario crash =
        new Scenario(system, "brokerless, PUSH/PULL", "none", "SIGKILL consumer, restart", 2);
    measureZmq(crash, () -> faults.consumerCrash(Work.newDirectory("zeromq-ledger")));
    Scenario slow =
        new Scenario(
            system,
            "brokerless, PUB/SUB",
            "none",
            "slow subscriber, HWM " + SLOW_SUBSCRIBER_HWM,
            2);
    // The subscriber works 4 publishing periods per message: it keeps up with a quarter of the
    // messages, and the high-water mark decides what becomes of the rest.
    Duration work = Duration.ofNanos(4 * 1_000_000_000L / settings.ratePerSecond());
    measureZmq(slow, () -> faults.slowSubscriber(SLOW_SUBSCRIBER_HWM, work));
    Scenario late = new Scenario(system, "brokerless, PUB/SUB", "none", "late joiner", 2);
    measureZmq(late, faults::lateJoiner);
    Work.deleteCreated();
  }

  @FunctionalInterface
  private interface ZmqRun {
    ZeroMqFaults.Result run() throws Exception;
  }

  private void measureZmq(Scenario scenario, ZmqRun run) {
    runner.measure(
        scenario,
        () -> {
          ZeroMqFaults.Result result = run.run();
          return new CrashTrial.Outcome(
              result.ledger(),
              result.recoveryMs(),
              result.note(),
              List.of(),
              result.atRisk(),
              result.refused(),
              "");
        });
  }
}
