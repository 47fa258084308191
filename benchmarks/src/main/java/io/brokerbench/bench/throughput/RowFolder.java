package io.brokerbench.bench.throughput;

import static io.brokerbench.bench.throughput.Measured.mean;
import static io.brokerbench.bench.throughput.ThroughputPlan.PRODUCER_ONLY;
import static io.brokerbench.bench.throughput.ThroughputPlan.bytes;
import static io.brokerbench.bench.throughput.ThroughputPlan.workloads;

import io.brokerbench.bench.SystemUnderTest;
import io.brokerbench.bench.row.Status;
import io.brokerbench.bench.throughput.ThroughputPlan.Cell;
import io.brokerbench.bench.throughput.ThroughputPlan.Target;
import io.brokerbench.harness.workload.GuaranteeTier;
import io.brokerbench.harness.workload.WorkloadLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds each cell's rounds into its row, judged by its workload's window check and its rounds'
 * drift, with its vendor's figures, and adds the rows to the suite's list in report order. Apart
 * from the run loop so that the rules that keep a row from the verdicts ({@link #unsettled}, {@link
 * #windowCheck}) stand in one place. It rows the tiers the run chose.
 */
final class RowFolder {
  /**
   * The window check's bound: a larger window that delivers more than 10% more shows the window
   * binding. Repeated trials of one system on the development machine differ by a few percent
   * within a round, so a smaller bound would mostly measure noise.
   */
  static final double WINDOW_BINDS_ABOVE = 1.10;

  private final ThroughputSettings settings;
  private final Set<GuaranteeTier> tiers;
  private final List<ThroughputRow> rows;

  RowFolder(ThroughputSettings settings, Set<GuaranteeTier> tiers, List<ThroughputRow> rows) {
    this.settings = settings;
    this.tiers = tiers;
    this.rows = rows;
  }

  /**
   * The target's rows, in tier order per workload: each offered cell's rounds folded into one row,
   * judged by its workload's window check, with its vendor's figures; a tier the system does not
   * offer is a row that says so.
   */
  void addRows(
      Target target,
      List<Cell> cells,
      Map<Cell, List<Measured>> measured,
      Map<Cell, List<Double>> vendor,
      Map<Cell, String> vendorTool) {
    List<Cell> own = cells.stream().filter(cell -> cell.target() == target).toList();
    if (own.isEmpty() && target.death != null) {
      rows.add(
          ThroughputRow.notOk(
              target.system, target.mode, "all", "all", 0, target.deathStatus, target.death));
      return;
    }
    List<String> withProducerOnly = new ArrayList<>(workloads(settings, target));
    if (own.stream().anyMatch(cell -> cell.workload().equals(PRODUCER_ONLY))) {
      withProducerOnly.add(PRODUCER_ONLY);
    }
    for (String workload : withProducerOnly) {
      Cell checkCell =
          own.stream()
              .filter(cell -> cell.check() && cell.workload().equals(workload))
              .findFirst()
              .orElse(null);
      ThroughputRow.WindowCheck check = null;
      if (checkCell != null) {
        Cell base =
            own.stream()
                .filter(
                    cell ->
                        !cell.check()
                            && cell.workload().equals(workload)
                            && cell.tier().equals(checkCell.tier()))
                .findFirst()
                .orElseThrow();
        check = windowCheck(measured.get(base), measured.get(checkCell), checkCell.window());
      }
      for (GuaranteeTier tier : GuaranteeTier.values()) {
        if (!tiers.contains(tier) && target.underTest != SystemUnderTest.IN_MEMORY
            || !rowed(target, tier)) {
          continue;
        }
        Cell cell =
            own.stream()
                .filter(
                    c -> !c.check() && c.workload().equals(workload) && c.tier().equals(tier.key()))
                .findFirst()
                .orElse(null);
        if (cell == null) {
          if (!workload.equals(PRODUCER_ONLY) && target.underTest != SystemUnderTest.IN_MEMORY) {
            rows.add(
                ThroughputRow.notOk(
                    target.system,
                    target.mode,
                    tier.key(),
                    workload,
                    bytes(workload),
                    Status.NOT_OFFERED,
                    target.system + " has no " + tier.key() + " guarantee"));
          }
          continue;
        }
        ThroughputRow row = fold(cell, measured.get(cell));
        if (row.ok() && check != null) {
          row = row.checkedBy(check, checkCell.tier().equals(cell.tier()));
        }
        if (row.ok() && vendor.containsKey(cell) && vendorTool.containsKey(cell)) {
          row = row.withVendor(vendorTool.get(cell), vendor.get(cell));
        }
        rows.add(row);
      }
    }
  }

  /**
   * Whether {@code target} has a row at {@code tier} when it offers it or not: a 3-node cluster at
   * tier replicated only, a single node at the single-node tiers, and at tier replicated only where
   * the profile runs that tier and the system has no 3-node set-up of its own (ZeroMQ's "not
   * offered").
   */
  private boolean rowed(Target target, GuaranteeTier tier) {
    if (target.replicated()) {
      return tier == GuaranteeTier.REPLICATED;
    }
    return tier != GuaranteeTier.REPLICATED
        || settings.replicated() && !target.underTest.replicates();
  }

  /** A cell's rounds as one row; a round that failed fails the row with its reason. */
  ThroughputRow fold(Cell cell, List<Measured> rounds) {
    Target target = cell.target();
    int bytes = bytes(cell.workload());
    for (Measured round : rounds) {
      if (round.failure() != null) {
        return ThroughputRow.notOk(
            target.system,
            target.mode,
            cell.tier(),
            WorkloadLoader.label(cell.workload()),
            bytes,
            round.status(),
            round.failure());
      }
    }
    List<Double> perRound = rounds.stream().map(Measured::perSec).toList();
    double mean = perRound.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    List<List<Double>> iterations = rounds.stream().map(Measured::iterations).toList();
    double min =
        iterations.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(0);
    double max =
        iterations.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
    double error =
        perRound.size() > 1
            ? (Collections.max(perRound) - Collections.min(perRound)) / 2
            : (max - min) / 2;
    boolean unsettled = unsettled(rounds, settings.settledSpread());
    double inFlight =
        rounds.stream().mapToDouble(r -> r.perSec() * r.meanLatencyUs() / 1e6).average().orElse(0);
    return new ThroughputRow(
        target.system,
        target.mode,
        cell.tier(),
        WorkloadLoader.label(cell.workload()),
        bytes,
        Status.OK,
        "",
        mean,
        mean * bytes / (1 << 20),
        error,
        min,
        max,
        rounds.stream().mapToDouble(Measured::sentPerSec).average().orElse(0),
        rounds.stream().mapToInt(Measured::connections).max().orElse(0),
        perRound,
        iterations,
        unsettled,
        false,
        cell.window(),
        inFlight,
        rounds.stream().mapToDouble(Measured::meanLatencyUs).average().orElse(0),
        rounds.stream().mapToDouble(Measured::windowWaitShare).average().orElse(0),
        null,
        "",
        0,
        List.of(),
        0,
        0,
        0,
        TrialOutput.trialName(target.system, cell.tier(), cell.workload()));
  }

  /**
   * Whether a cell's measurement drifted: in every round its iterations moved the same way (all
   * climbing, or all falling) by more than {@code bound} of their mean. A trial still warming up,
   * or a broker filling up, drifts the same way each time; the machine's noise moves a round's
   * iterations either way and shows in the spread of the rounds, which the verdicts use already.
   * With one round (smoke) a single drift beyond the bound counts.
   */
  static boolean unsettled(List<Measured> rounds, double bound) {
    boolean climbing = !rounds.isEmpty();
    boolean falling = !rounds.isEmpty();
    for (Measured round : rounds) {
      climbing &= round.drift() > bound;
      falling &= round.drift() < -bound;
    }
    return climbing || falling;
  }

  /**
   * The window check from the rounds of the trial at the normal window and at the larger one, which
   * ran as a pair in each round (side by side in one fork): the mean of the pairs' ratios, and its
   * interval from the lowest to the highest pair. A pair sees one broker and client state, so a
   * system that speeds up or slows down over the run moves both sides of it alike; a ratio of the
   * rounds' means would not pair them. Null when either failed in any round.
   */
  static ThroughputRow.WindowCheck windowCheck(
      List<Measured> base, List<Measured> larger, int largerWindow) {
    if (base == null
        || larger == null
        || base.isEmpty()
        || base.size() != larger.size()
        || base.stream().anyMatch(m -> m.failure() != null)
        || larger.stream().anyMatch(m -> m.failure() != null)) {
      return null;
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      if (base.get(i).perSec() <= 0) {
        return null;
      }
      ratios.add(larger.get(i).perSec() / base.get(i).perSec());
    }
    return new ThroughputRow.WindowCheck(
        largerWindow,
        mean(larger.stream().map(Measured::perSec).toList()),
        mean(ratios),
        Collections.min(ratios),
        Collections.max(ratios),
        WINDOW_BINDS_ABOVE);
  }
}
