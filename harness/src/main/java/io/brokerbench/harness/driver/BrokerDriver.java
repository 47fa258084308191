package io.brokerbench.harness.driver;

import io.brokerbench.harness.workload.GuaranteeTier;

/**
 * The adapter between the harness and one messaging system, for one trial: it makes the trial's
 * topics, starts consumers that hand what they receive to the harness, and creates producers that
 * send what the harness gives them. It is all a broker needs to implement; everything else (the
 * payload and its header, the clock, the rate, the in-flight window, the histograms, the counting
 * of lost and duplicated messages) is the harness's.
 *
 * <h2>Life cycle</h2>
 *
 * One instance serves one trial, in this order, all calls from one harness thread:
 *
 * <ol>
 *   <li>{@link #offers} as often as wanted, before anything else;
 *   <li>{@link #prepare} once;
 *   <li>{@link #startConsumer} once per consumer of the topology, then {@link #createProducer} once
 *       per producer; then the producers send, each {@link DriverProducer} from its own thread;
 *   <li>{@link DriverProducer#close} for each producer, {@link DriverConsumer#close} for each
 *       consumer, and {@link #close} last. {@code close} also follows a failure at any step, and
 *       must then close whatever was opened.
 * </ol>
 *
 * <h2>Units and data</h2>
 *
 * Payloads are {@code byte[]}, sent and delivered unchanged and whole: the harness owns their first
 * {@value io.brokerbench.harness.measure.PayloadHeader#BYTES} bytes (the header with producer,
 * partition, sequence number and intended send time) and the driver never reads them. Drivers never
 * read a clock for measurement, and never use broker timestamps: the harness's {@link Deliveries}
 * (behind every {@link Receiver} a consumer is given) and the {@link Acknowledgements} do all the
 * timing. Topics, partitions, subscriptions and consumers are 0-based indices into the {@link
 * Topology}, which also gives the broker-side names.
 *
 * <h2>Guarantee tiers</h2>
 *
 * A driver implements each tier the way {@link GuaranteeTier} documents for its system, and no
 * other way; a tier its system cannot provide is not offered ({@link #offers} answers false and
 * {@link #prepare} throws {@link TierNotOfferedException}). A driver never quietly runs a weaker
 * tier. Every client or broker setting that differs from the library's default is written next to
 * its reason in the driver's code.
 *
 * <h2>Blocking</h2>
 *
 * {@link #prepare}, {@link #startConsumer} and {@link #createProducer} block until the broker has
 * confirmed what they did (a created topic is online, a consumer is subscribed), asking the broker
 * rather than sleeping, and give up after a bounded time with a {@link DriverException}. {@link
 * DriverProducer#send} may block for back-pressure only; see there.
 *
 * <h2>Failures</h2>
 *
 * A {@link DriverException} from any method voids the trial: the harness closes everything and
 * reports the exception's message, which says what, where (system, address, topic) and why. A
 * failure inside a client library's own thread is reported to the harness instead: {@link
 * Receiver#onFailure} for a consumer, {@link Acknowledgements#onFailed(Throwable)} for a producer,
 * and {@link Acknowledgements#onFailed(byte[], Throwable)} for one message. A driver never swallows
 * a failure, and never retries in a way that could deliver a message twice without the harness
 * seeing it (a duplicate is a result, not a nuisance).
 *
 * <p>The shared contract test ({@code DriverContract} in the harness's test-jar) checks all of this
 * against the real broker: every driver runs it.
 *
 * <p>Modelled on the {@code MessageTransceiver} of Aeron's benchmarks (init, send, receive,
 * destroy) and the OpenMessaging Benchmark's {@code BenchmarkDriver}.
 */
public interface BrokerDriver extends AutoCloseable {

  /**
   * Whether this system provides {@code tier} as {@link GuaranteeTier} documents it. A constant
   * answer per system and configuration; never blocks.
   */
  boolean offers(GuaranteeTier tier);

  /**
   * Makes the trial's topics (each with {@code topology.partitionsPerTopic()} partitions) and
   * subscriptions on the broker, fresh and empty, set up for {@code tier}; called once, before any
   * consumer or producer. Returns once the broker reports them ready.
   *
   * @throws TierNotOfferedException if {@link #offers}{@code (tier)} is false; nothing is created
   * @throws DriverException if the broker refused, failed or did not answer in time
   */
  void prepare(Topology topology, GuaranteeTier tier) throws DriverException;

  /**
   * Starts consumer {@code consumer} of subscription {@code subscription} of topic {@code topic}.
   * Returns once it is subscribed: every message sent to the topic after this returns must reach
   * the subscription. From then on it hands every payload it receives to {@code receiver}, from
   * threads of its own (or the client library's), until closed. At tier {@code ack} and {@code
   * durable} it acknowledges a message to the broker only after {@code receiver.onPayload} has
   * returned.
   *
   * @throws DriverException if the consumer could not be started or subscribed in time
   */
  DriverConsumer startConsumer(int topic, int subscription, int consumer, Receiver receiver)
      throws DriverException;

  /**
   * Creates producer {@code producer} of topic {@code topic}, ready to send. It reports every
   * acknowledgement and failure of its sends to {@code acknowledgements}.
   *
   * @throws DriverException if the producer could not be created or connected in time
   */
  DriverProducer createProducer(int topic, int producer, Acknowledgements acknowledgements)
      throws DriverException;

  /**
   * Ends the trial: closes any producer and consumer still open, stops the driver's threads, and
   * releases the connections; may delete the trial's topics. Idempotent; returns once nothing of
   * the driver runs any more, or throws after a bounded time.
   *
   * @throws DriverException if something could not be closed; the harness reports it and goes on
   */
  @Override
  void close() throws DriverException;
}
