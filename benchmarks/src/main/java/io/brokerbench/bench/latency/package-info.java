/**
 * The latency suite: latency under load, measured open-loop.
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.latency.LatencySuite}: starts each system once, sweeps each
 *       tier it offers, writes {@code latency.json}, the plots and the report's section.
 *   <li>{@code TierSweep}: one system at one tier: the profile's rates in increasing order, then
 *       {@code RateSearch} for the highest rate sustained, measured like the others.
 *   <li>{@code RatePoint}: one rate: a discarded warm-up, then measured repeats, each a {@link
 *       io.brokerbench.harness.rig.PacedPhase} judged sustained or saturated; {@code PointLog}
 *       keeps its interval histograms as {@code .hlog}.
 *   <li>{@link io.brokerbench.bench.latency.LatencyRow}, {@link
 *       io.brokerbench.bench.latency.SearchRow}: the results; {@link
 *       io.brokerbench.bench.latency.LatencyTable} and {@link
 *       io.brokerbench.bench.latency.LatencyPlots}: how people read them.
 * </ul>
 *
 * Every latency is measured from the message's intended send time, so a system that stalls is
 * charged for every message the stall held up; a rate the system cannot sustain is reported as
 * saturated, never as a latency.
 */
package io.brokerbench.bench.latency;
