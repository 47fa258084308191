/**
 * Child processes that cannot outlive the JVM: {@link io.brokerbench.brokers.process.ChildProcess}
 * starts each in a process group of its own with its output in a log file, {@link
 * io.brokerbench.brokers.process.ChildReaper} kills every group at shutdown and, from a watchdog,
 * after a JVM that died without shutting down; {@link io.brokerbench.brokers.process.Signal} sends
 * the signals faults are made of.
 */
package io.brokerbench.brokers.process;
