/**
 * The latency suite: latency under load, measured open-loop.
 *
 * <ul>
 *   <li>{@link io.brokerbench.bench.latency.LatencySuite}: starts each system once, sweeps each
 *       tier it offers, writes {@code latency.json}, the plots and the report's section; {@code
 *       LatencyPlan} holds each profile's settings and the progress steps, {@code LatencyBrokers}
 *       the brokers' start-up and the discarded warm-ups.
 *   <li>{@code TierSweep}: one system at one tier: the profile's rates in increasing order, then
 *       {@code RateSearch} for the highest rate sustained, to 1.1x or a stated bracket, the rate it
 *       found measured like the others; {@code TailRule} saturates a point whose p99 left the
 *       lowest rate's by more than 10x.
 *   <li>{@code RatePoint}: one rate: a discarded warm-up, then measured repeats, each a {@link
 *       io.brokerbench.harness.rig.PacedPhase} judged sustained or saturated; {@code PointLog}
 *       keeps its interval histograms as {@code .hlog}; {@code Conditions} records what coincided
 *       with the repeats (GC pauses, run queue, CPU steal) to explain a tail.
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
