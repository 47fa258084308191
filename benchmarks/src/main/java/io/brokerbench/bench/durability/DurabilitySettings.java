package io.brokerbench.bench.durability;

import io.brokerbench.bench.suite.Profile;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The durability suite's sizes per profile: rate, timing, which scenarios run and at which tiers.
 *
 * @param messageBytes size of each message
 * @param ratePerSecond the producer's steady rate: low enough that every system keeps up, so a loss
 *     is the fault's doing and not an overload's
 * @param faultAfter when the fault starts
 * @param duration how long the producer sends
 * @param outage how long a killed broker or consumer stays down before its restart
 * @param clusters whether the 3-node scenarios run: Kafka at tiers ack and replicated, RabbitMQ's
 *     quorum queue at replicated
 * @param tiers the tiers of the single-node scenarios (never replicated)
 * @param extras whether the full profile's further faults run: SIGSTOP of a broker for {@code
 *     outage} times 3 and Kafka's 3-broker scenarios with unclean leader election on
 * @param chosen the tiers the run asked for ({@code -Dbench.tiers}); all by default
 * @param faultAtMessages every fault comes once this many messages are acknowledged (ZeroMQ, tier
 *     none: accepted), the same count for every system: {@code faultAfter} at the rate
 * @param backlogMessages the live consumer pauses this many acknowledged messages before the fault,
 *     so that about as many are at risk when it comes: a third of what comes before it
 */
public record DurabilitySettings(
    Profile profile,
    int messageBytes,
    int ratePerSecond,
    Duration faultAfter,
    Duration duration,
    Duration outage,
    boolean clusters,
    List<GuaranteeTier> tiers,
    boolean extras,
    Set<GuaranteeTier> chosen,
    long faultAtMessages,
    long backlogMessages) {

  public DurabilitySettings {
    if (backlogMessages < 0 || backlogMessages > faultAtMessages) {
      throw new IllegalArgumentException(
          "backlogMessages must be 0 to faultAtMessages ("
              + faultAtMessages
              + "), was "
              + backlogMessages);
    }
  }

  /**
   * These tiers chosen; the fault at {@code faultAfter}'s worth of messages at the rate, a third of
   * them the consumer's backlog.
   */
  public DurabilitySettings(
      Profile profile,
      int messageBytes,
      int ratePerSecond,
      Duration faultAfter,
      Duration duration,
      Duration outage,
      boolean clusters,
      List<GuaranteeTier> tiers,
      boolean extras,
      Set<GuaranteeTier> chosen) {
    this(
        profile,
        messageBytes,
        ratePerSecond,
        faultAfter,
        duration,
        outage,
        clusters,
        tiers,
        extras,
        chosen,
        faultAfter.toMillis() * ratePerSecond / 1000,
        faultAfter.toMillis() * ratePerSecond / 1000 / 3);
  }

  /** All tiers chosen. */
  public DurabilitySettings(
      Profile profile,
      int messageBytes,
      int ratePerSecond,
      Duration faultAfter,
      Duration duration,
      Duration outage,
      boolean clusters,
      List<GuaranteeTier> tiers,
      boolean extras) {
    this(
        profile,
        messageBytes,
        ratePerSecond,
        faultAfter,
        duration,
        outage,
        clusters,
        tiers,
        extras,
        EnumSet.allOf(GuaranteeTier.class));
  }

  public static DurabilitySettings forProfile(Profile profile) {
    return switch (profile) {
      case SMOKE ->
          new DurabilitySettings(
              profile,
              1024,
              1_000,
              Duration.ofMillis(1_500),
              Duration.ofSeconds(4),
              Duration.ofMillis(500),
              false,
              List.of(GuaranteeTier.DURABLE),
              false);
      case FULL ->
          new DurabilitySettings(
              profile,
              1024,
              5_000,
              Duration.ofSeconds(5),
              Duration.ofSeconds(20),
              Duration.ofSeconds(3),
              true,
              GuaranteeTier.SINGLE_NODE,
              true);
      case QUICK ->
          new DurabilitySettings(
              profile,
              1024,
              2_000,
              Duration.ofSeconds(3),
              Duration.ofSeconds(8),
              Duration.ofSeconds(1),
              true,
              GuaranteeTier.SINGLE_NODE,
              false);
    };
  }

  /**
   * These settings with only {@code chosen} tiers: the single-node tiers are narrowed, and {@link
   * #runs} says which of the other scenarios' tiers remain.
   */
  public DurabilitySettings onlyTiers(Set<GuaranteeTier> chosen) {
    return new DurabilitySettings(
        profile,
        messageBytes,
        ratePerSecond,
        faultAfter,
        duration,
        outage,
        clusters,
        tiers.stream().filter(chosen::contains).toList(),
        extras,
        Collections.unmodifiableSet(EnumSet.copyOf(chosen)),
        faultAtMessages,
        backlogMessages);
  }

  /**
   * Whether the single-node extras run: RabbitMQ's consumer crashes (a consumer in a child JVM,
   * auto-ack and manual acks) and the count of the brokers' fsync calls per tier. They run where
   * the clusters do, in every profile but smoke, which has 5 minutes for everything.
   */
  public boolean singleNodeExtras() {
    return clusters;
  }

  /** The fault-free run of each tier during which a broker's fsync calls are counted. */
  CrashTrial.Settings syncRun() {
    return new CrashTrial.Settings(
        messageBytes,
        ratePerSecond,
        Duration.ZERO,
        ScenarioRunner.SYNC_RUN,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Duration.ZERO);
  }

  /** Whether scenarios at {@code tier} run. */
  public boolean runs(GuaranteeTier tier) {
    return chosen.contains(tier);
  }

  /**
   * A trial through a fault: at {@link #faultAtMessages} acknowledged, the live consumer paused
   * {@link #backlogMessages} before it.
   *
   * @param producerPauses true where the fault takes the only broker: the producer stops at the
   *     fault and resumes once the broker answers again; false where the system should stay up (a
   *     cluster, a consumer's crash): the producer carries on
   */
  CrashTrial.Settings trial(boolean producerPauses) {
    return new CrashTrial.Settings(
        messageBytes,
        ratePerSecond,
        faultAfter,
        duration,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(90),
        Duration.ofSeconds(2),
        faultAtMessages,
        backlogMessages,
        producerPauses);
  }
}
