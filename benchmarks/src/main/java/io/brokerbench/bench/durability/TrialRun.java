package io.brokerbench.bench.durability;

import io.brokerbench.bench.durability.CrashTrial.Fault;
import io.brokerbench.bench.durability.CrashTrial.FinalRead;
import io.brokerbench.bench.durability.CrashTrial.Outcome;
import io.brokerbench.bench.durability.CrashTrial.OutsideConsumers;
import io.brokerbench.bench.durability.CrashTrial.Settings;
import io.brokerbench.bench.durability.TrialClients.Session;
import io.brokerbench.harness.driver.DriverException;
import io.brokerbench.harness.measure.Ledger;
import io.brokerbench.harness.measure.PayloadHeader;
import io.brokerbench.harness.workload.GuaranteeTier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a {@link CrashTrial}: the paced producer loop, when the fault starts (at a count of
 * acknowledged messages or a time), when the live consumer pauses before it and resumes after it,
 * how the producer waits out the fault or reconnects, and the notes that the row carries. The
 * clients it sends and receives through, and the ledger they settle, are {@link TrialClients}.
 */
final class TrialRun {
  private final TrialClients clients;
  private final boolean clientsSurvive;
  private final Settings settings;
  private final OutsideConsumers outside;

  /** The producer's session now, for a consumer resumed from the fault's thread. */
  private volatile Session current;

  /** The live consumer was paused before the fault. */
  private volatile boolean consumerPaused;

  /**
   * @param clients the trial's clients, not yet opened; they carry its topology, tier, settings and
   *     outside consumers
   * @param clientsSurvive true when the client reconnects by itself after the broker came back
   */
  TrialRun(TrialClients clients, boolean clientsSurvive) {
    this.clients = clients;
    this.clientsSurvive = clientsSurvive;
    this.settings = clients.settings();
    this.outside = clients.outside();
  }

  Outcome run(Fault fault, FinalRead finalRead) throws Exception {
    ExecutorService faultThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "brokerbench-fault");
              thread.setDaemon(true);
              return thread;
            });
    Future<String> faultDone = null;
    String faultNote = "";
    int reconnects = 0;
    long sent = 0;
    long atRisk = 0;
    long countAtFault = -1;
    boolean pauses = fault != null && outside == null && settings.backlogMessages() > 0;
    try {
      int producerId = clients.topology().producerId(0, 0);
      Session session = clients.open();
      if (outside != null) {
        outside.start();
      }
      long periodNs = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
      long startNs = System.nanoTime();
      long faultAtNs =
          startNs + (settings.faultAtMessages() > 0 ? 2 : 1) * settings.faultAfter().toNanos();
      long endNs = startNs + settings.duration().toNanos();
      long intendedNs = startNs;
      boolean extended = false;
      while (true) {
        long now = System.nanoTime();
        if (!extended && faultDone != null && faultDone.isDone()) {
          extended = true;
          endNs = Math.max(endNs, now + settings.afterRecovery().toNanos());
        }
        current = session;
        if (consumerPaused
            && faultDone != null
            && faultDone.isDone()
            && session.consumer == null
            && !clients.resuming()) {
          session = clients.resumeConsumer(session);
        }
        boolean faultPending = fault != null && faultDone == null;
        if (now >= endNs && !faultPending) {
          break;
        }
        long counted = clients.counted(sent);
        if (pauses
            && !consumerPaused
            && counted >= settings.faultAtMessages() - settings.backlogMessages()) {
          clients.pause(session);
          consumerPaused = true;
        }
        if (faultPending
            && (settings.faultAtMessages() > 0 && counted >= settings.faultAtMessages()
                || now >= faultAtNs)) {
          countAtFault = counted;
          atRisk = clients.atRisk(sent);
          Fault injected = fault;
          faultDone = faultThread.submit(() -> injected.inject(this::onDown));
          if (settings.producerPauses()) {
            // No sends while the broker is down: await the restart, then go on.
            faultNote = awaitFault(faultDone);
            faultDone = null;
            fault = null;
            if (!clientsSurvive) {
              // The old session is closed with the others at the end: its set-up connection, were
              // it alive, would delete the queue.
              session = clients.reconnect();
              reconnects++;
            } else if (consumerPaused) {
              session = clients.resumeConsumer(session);
            }
            intendedNs = System.nanoTime();
            extended = true;
            endNs = Math.max(endNs, intendedNs + settings.afterRecovery().toNanos());
            continue;
          }
        }
        if (intendedNs > now) {
          LockSupport.parkNanos(intendedNs - now);
        } else if (now - intendedNs > TimeUnit.SECONDS.toNanos(1)) {
          // Far behind (the client blocked through an outage): go on from now, no catch-up burst.
          intendedNs = now;
        }
        byte[] payload = new byte[settings.messageBytes()];
        PayloadHeader.write(payload, producerId, 0, sent, intendedNs);
        boolean dead = !clientsSurvive && session.failed();
        if (!dead) {
          try {
            session.producer.send(0, payload);
          } catch (DriverException e) {
            session.acknowledgements.onFailed(payload, e);
            dead = true;
          }
        } else {
          clients.refuse(producerId, sent);
        }
        sent++;
        intendedNs += periodNs;
        if (dead) {
          if (clientsSurvive) {
            Thread.sleep(100);
          } else {
            faultNote = awaitFault(faultDone);
            faultDone = null;
            fault = null;
            // Its close fails (the connection is gone); that is the fault, not news.
            session.closeQuietly(new ArrayList<>());
            session = clients.reconnect();
            reconnects++;
            intendedNs = System.nanoTime();
            extended = true;
            endNs = Math.max(endNs, intendedNs + settings.afterRecovery().toNanos());
          }
        }
      }
      if (faultDone != null) {
        faultNote = awaitFault(faultDone);
      }
      if (consumerPaused && session.consumer == null && !clients.resuming()) {
        session = clients.resumeConsumer(session);
      }
      session.closeProducer(clients.failures());
      Ledger ledger;
      Long recoveryMs;
      String readBack = "";
      if (outside == null) {
        clients.drain();
        ledger = clients.settle(sent, finalRead, null);
        recoveryMs = clients.recoveryMs();
        if (finalRead != null) {
          readBack = CrashTrial.FINAL_READ;
        } else if (consumerPaused) {
          readBack = CrashTrial.QUEUE_READ;
        }
      } else {
        RecordedDeliveries deliveries =
            outside.collect(
                clients.faultNs() == Long.MAX_VALUE ? -1 : clients.faultNs(),
                clients.counted(sent));
        ledger = clients.settle(sent, null, deliveries.received());
        recoveryMs =
            deliveries.recoveryMs(clients.faultNs() == Long.MAX_VALUE ? -1 : clients.faultNs());
      }
      List<String> notes = new ArrayList<>();
      if (!faultNote.isEmpty()) {
        notes.add(faultNote);
      }
      if (countAtFault >= 0 && settings.faultAtMessages() > 0) {
        notes.add(
            "fault at "
                + countAtFault
                + (clients.tier() == GuaranteeTier.NONE ? " sent" : " acknowledged")
                + (consumerPaused
                    ? ", the consumer paused " + settings.backlogMessages() + " before"
                    : "")
                + (settings.producerPauses()
                    ? ", the producer paused until the broker answered again"
                    : ", the producer carried on"));
      }
      if (reconnects > 0) {
        notes.add(
            "the client's connection died with the broker: reconnected " + reconnects + " time(s)");
      }
      return new Outcome(
          ledger,
          recoveryMs,
          String.join("; ", notes),
          clients.failures(),
          atRisk,
          clients.refused(),
          readBack);
    } finally {
      clients.closeAll();
      faultThread.shutdownNow();
    }
  }

  /**
   * The fault has taken effect. Where the producer carries on (the system should stay up), the
   * paused consumer resumes now, in a thread of its own so that the producer never waits for it:
   * its first delivery measures the failover, not the killed node's restart.
   */
  private void onDown() {
    clients.markDown();
    Session session = current;
    if (consumerPaused && !settings.producerPauses() && outside == null && session != null) {
      Thread resume =
          new Thread(() -> clients.startConsumerOn(session), "brokerbench-resume-consumer");
      resume.setDaemon(true);
      resume.start();
    }
  }

  private String awaitFault(Future<String> faultDone) throws Exception {
    if (faultDone == null) {
      return "";
    }
    try {
      return faultDone.get(settings.reconnectMax().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the fault failed: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the fault did not end within " + settings.reconnectMax().toSeconds() + " s", e);
    }
  }
}
