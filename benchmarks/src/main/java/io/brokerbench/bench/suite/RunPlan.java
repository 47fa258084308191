package io.brokerbench.bench.suite;

import io.brokerbench.bench.BenchSystem;
import io.brokerbench.bench.External;
import io.brokerbench.harness.rig.Arrivals;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every suite of a run is built from: the run's choices, checked once by {@link
 * io.brokerbench.bench.BenchConfig}. A suite reads what it needs and ignores the rest.
 *
 * @param profile how much every suite measures
 * @param systems the systems to run, in {@link BenchSystem}'s order
 * @param tiers the guarantee tiers the throughput, latency and durability suites run
 * @param external the clusters the user runs, measured where they are instead of started
 * @param arrivals how the latency suite spreads intended send times
 * @param metadataReplicationFactor the metadata suite's replicas per partition, 1 to 3
 * @param lang the report's language tag ({@code en}, {@code pt-BR})
 * @param workloads the user's workload files the throughput suite runs, instead of or beside its
 *     own
 */
public record RunPlan(
    Profile profile,
    Set<BenchSystem> systems,
    Set<GuaranteeTier> tiers,
    External external,
    Arrivals arrivals,
    int metadataReplicationFactor,
    String lang,
    UserWorkloads workloads) {

  public RunPlan {
    if (profile == null
        || external == null
        || arrivals == null
        || lang == null
        || workloads == null) {
      throw new IllegalArgumentException(
          "run plan: profile, external, arrivals and lang are required; was profile "
              + profile
              + ", external "
              + external
              + ", arrivals "
              + arrivals
              + ", lang "
              + lang
              + ", workloads "
              + workloads);
    }
    if (systems.isEmpty() || tiers.isEmpty()) {
      throw new IllegalArgumentException(
          "run plan: needs a system and a tier; was systems " + systems + ", tiers " + tiers);
    }
    if (metadataReplicationFactor < 1 || metadataReplicationFactor > 3) {
      throw new IllegalArgumentException(
          "run plan: metadataReplicationFactor must be 1, 2 or 3, was "
              + metadataReplicationFactor);
    }
    // EnumSets: the systems and tiers run, and are reported, in a fixed order.
    systems = Collections.unmodifiableSet(EnumSet.copyOf(systems));
    tiers = Collections.unmodifiableSet(EnumSet.copyOf(tiers));
  }

  /**
   * A plan of {@code profile} over {@code systems} with every default of the command line: all
   * tiers, no external cluster, fixed-rate arrivals, replication factor 1, English, the bundled
   * workloads. For tests and for suites run on their own.
   */
  public static RunPlan of(Profile profile, Set<BenchSystem> systems) {
    return new RunPlan(
        profile,
        systems,
        EnumSet.allOf(GuaranteeTier.class),
        External.NONE,
        Arrivals.FIXED_RATE,
        1,
        "en",
        UserWorkloads.NONE);
  }

  /** This plan at {@code chosen} tiers only. */
  public RunPlan withTiers(Set<GuaranteeTier> chosen) {
    return new RunPlan(
        profile, systems, chosen, external, arrivals, metadataReplicationFactor, lang, workloads);
  }

  /** This plan with {@code clusters} measured where they are instead of started. */
  public RunPlan withExternal(External clusters) {
    return new RunPlan(
        profile, systems, tiers, clusters, arrivals, metadataReplicationFactor, lang, workloads);
  }
}
