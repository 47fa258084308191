/**
 * The start-up suite: each system started on an empty data directory several times, timed from
 * launch to a real round trip ({@link io.brokerbench.bench.startup.StartupScenario}), one {@link
 * io.brokerbench.bench.startup.StartupRow} per system with the median and the spread. Read by
 * claims K6, R3 and Z5.
 */
package io.brokerbench.bench.startup;
