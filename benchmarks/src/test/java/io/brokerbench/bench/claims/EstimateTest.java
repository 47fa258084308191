package io.brokerbench.bench.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {

  private static Estimate rounds(double... perRound) {
    double sum = 0;
    for (double round : perRound) {
      sum += round;
    }
    return Estimate.ofRounds(
        sum / perRound.length, sum / perRound.length, sum / perRound.length, perRound);
  }

  @Test
  void pairedRoundsDivideRoundByRound() {
    Estimate ratio = rounds(20, 30, 40).over(rounds(10, 10, 20));
    assertEquals(90.0 / 40, ratio.value(), 1e-9);
    assertEquals(2.0, ratio.low(), 1e-9);
    assertEquals(3.0, ratio.high(), 1e-9);
  }

  @Test
  void aRoundWithNothingOnEitherSideMakesTheRatioUnknownNotAnError() {
    Estimate ratio = rounds(20, 0, 40).over(rounds(10, 0, 20));
    assertEquals(2.0, ratio.value(), 1e-9);
    assertEquals(0.0, ratio.low());
    assertEquals(Double.POSITIVE_INFINITY, ratio.high());
  }

  @Test
  void somethingOverNothingIsInfiniteAndNothingOverNothingIsEqual() {
    Estimate ratio = rounds(20, 5, 40).over(rounds(10, 0, 20));
    assertEquals(Double.POSITIVE_INFINITY, ratio.high());
    assertEquals(2.0, ratio.low(), 1e-9);
    assertEquals(1.0, rounds(0, 0).over(rounds(0, 0)).value());
    assertTrue(Double.isInfinite(Estimate.exact(3).over(Estimate.exact(0)).value()));
  }

  @Test
  void unpairedFiguresTakeTheConservativeInterval() {
    Estimate ratio = Estimate.between(10, 8, 12).over(Estimate.between(5, 4, 6));
    assertEquals(2.0, ratio.value(), 1e-9);
    assertEquals(8.0 / 6, ratio.low(), 1e-9);
    assertEquals(3.0, ratio.high(), 1e-9);
    Estimate overNothing = Estimate.between(10, 8, 12).over(Estimate.exact(0));
    assertEquals(0.0, overNothing.low());
    assertEquals(Double.POSITIVE_INFINITY, overNothing.high());
  }
}
