/**
 * The RabbitMQ Streams adapter ({@link
 * io.brokerbench.harness.driver.rabbitstream.RabbitStreamDriver}): RabbitMQ's append-only,
 * replayable log, through its own binary protocol and the stream Java client, beside Kafka's log.
 */
package io.brokerbench.harness.driver.rabbitstream;
