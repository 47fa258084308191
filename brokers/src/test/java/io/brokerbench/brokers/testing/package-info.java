/**
 * What the tests of every module share about the machine they run on. A test that needs software
 * that a fresh machine may lack says so with an annotation, such as {@link
 * io.brokerbench.brokers.testing.RequiresRabbitMq}, rather than with an assumption of its own, so
 * that the skip, its message and the switch that turns it into a failure are written once. The
 * module's test-jar carries this package to the harness and the benchmarks.
 */
package io.brokerbench.brokers.testing;
