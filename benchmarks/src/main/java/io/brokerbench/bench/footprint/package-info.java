/**
 * The footprint suite (claims K6, R3, Z5): what each setup takes to run, measured from the outside
 * of the processes the launchers start.
 *
 * <p>{@link io.brokerbench.bench.footprint.FootprintSuite} runs the setups one after the other and
 * makes one {@link io.brokerbench.bench.footprint.FootprintRow} each; {@code FootprintSetup} says
 * per system how it is started, loaded and where its data and configuration are. The measuring is
 * split by source: {@code ProcessTree} reads processes and resident memory from {@code /proc},
 * {@code RssSampler} samples it during the load, {@code DiskUsage} asks {@code du}, {@code
 * ConfigLines} counts what the launchers wrote (files, environment, command lines), and {@code
 * FootprintLoad} sends the messages at each system's durable setting. {@code FootprintTable} writes
 * the REPORT.md section.
 */
package io.brokerbench.bench.footprint;
