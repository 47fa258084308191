package io.brokerbench.bench.claims;

import static io.brokerbench.bench.claims.DurabilityClaims.atRisk;
import static io.brokerbench.bench.claims.DurabilityClaims.nothingAtRisk;
import static io.brokerbench.bench.claims.DurabilityClaims.readBack;
import static io.brokerbench.bench.claims.RunRows.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerbench.bench.durability.DurabilityRow;

/**
 * The acknowledged losses of the rows of one tier, for K2 and R2 ({@link DurabilityClaims}): those
 * that count (settled, able to show a loss) and those set aside.
 */
final class AckedLosses {
  /** Whether "nothing lost" needs the row to state a backlog at risk ({@code atRisk} above 0). */
  final boolean riskMustBeStated;

  int rows;
  int notReadBack;
  int nothingAtRisk;
  int riskNotStated;
  double acked;
  double lost;

  AckedLosses(boolean riskMustBeStated) {
    this.riskMustBeStated = riskMustBeStated;
  }

  void add(JsonNode row, double rowLost) {
    if (!readBack(row)) {
      notReadBack++;
      return;
    }
    if (rowLost == 0 && nothingAtRisk(row)) {
      nothingAtRisk++;
      return;
    }
    if (rowLost == 0 && riskMustBeStated && atRisk(row) == null) {
      riskNotStated++;
      return;
    }
    rows++;
    lost += rowLost;
    Double ackedHere = number(row, DurabilityRow.ACKED);
    acked += ackedHere == null ? 0 : ackedHere;
  }

  void figures(Tally tally, String tier) {
    tally.figure(tier + ": fault rows", rows, 0);
    tally.figure(tier + ": acknowledged", acked, 0);
    tally.figure(tier + ": acknowledged lost", lost, 0);
    if (notReadBack > 0) {
      tally.figure(tier + ": rows set aside, not read back", notReadBack, 0);
    }
    if (nothingAtRisk > 0) {
      tally.figure(tier + ": rows set aside, nothing at risk", nothingAtRisk, 0);
    }
    if (riskNotStated > 0) {
      tally.figure(tier + ": rows set aside, atRisk not stated", riskNotStated, 0);
    }
  }
}
