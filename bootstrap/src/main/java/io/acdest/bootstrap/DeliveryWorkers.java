package io.acdest.bootstrap;

import io.acdest.domain.delivery.DeliveryJob;
import io.acdest.domain.delivery.DeliveryLane;
import io.acdest.domain.delivery.DestinationId;
import io.acdest.domain.port.in.DeliverCallUseCase;
import io.acdest.domain.port.out.DeliveryQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery workers of this instance, each a virtual thread that claims due jobs of its lane and delivers them:
 * one set for the contacts lane (identifies, on the CRM's contact API budget), one for the activity lane (tracks
 * and pages, on its tracking budget), so that a backlog waiting for one budget never holds a worker the other could
 * use (docs/behaviour.md §4). Idle workers wait for a wake-up (new work committed here) or a short poll (work from
 * other instances, retries that came due), so a new call starts delivering at once.
 */
final class DeliveryWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
  static final Duration IDLE_POLL = Duration.ofMillis(500);

  /** Jobs one claim of the contacts lane may take: enough for a full bulk import (one job per user per claim). */
  static final int CLAIM = 250;

  /**
   * Jobs one claim of the activity lane may take: small, so that a user's next event is claimable soon after the
   * one before it is delivered (one job per user per claim), and the lane's workers share the work evenly: a second's
   * burst of the tracking window (20 places) is spread over the lane's 8 workers, not sent one by one by the first
   * worker that claimed it (with claims of 20, 40 users' events went through 2 workers while 6 idled).
   */
  static final int ACTIVITY_CLAIM = 4;

  private final DeliveryQueue queue;
  private final DeliverCallUseCase delivery;
  private final Map<DeliveryLane, Integer> counts;
  private final String instance;
  private final Duration lease;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private long wakeUps;
  private final DestinationId destination;
  private final IntakeLoad intake;

  DeliveryWorkers(
      DeliveryQueue queue,
      DeliverCallUseCase delivery,
      Map<DeliveryLane, Integer> counts,
      String instance,
      Duration lease,
      DestinationId destination,
      IntakeLoad intake) {
    this.destination = destination;
    this.intake = intake;
    this.queue = queue;
    this.delivery = delivery;
    this.counts = new EnumMap<>(counts);
    this.instance = instance;
    this.lease = lease;
  }

  void start() {
    running = true;
    int n = 0;
    for (Map.Entry<DeliveryLane, Integer> lane : counts.entrySet()) {
      for (int i = 0; i < lane.getValue(); i++) {
        String name = instance + "-worker-" + n++;
        boolean first = i == 0;
        threads.add(Thread.ofVirtual().name(name).start(() -> loop(name, lane.getKey(), first)));
      }
    }
  }

  /** New work was committed: wake the idle workers. */
  void wake() {
    lock.lock();
    try {
      wakeUps++;
      work.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Claims and delivers until stopped. A worker other than its lane's first makes way while the intake stores a
   * burst ({@link IntakeLoad}): the first keeps the lane moving, the others wait without claiming.
   */
  private void loop(String worker, DeliveryLane lane, boolean first) {
    Set<DeliveryLane> lanes = EnumSet.of(lane);
    int claim = lane == DeliveryLane.ACTIVITY ? ACTIVITY_CLAIM : CLAIM;
    while (running) {
      if (!first && intake.burst()) {
        makeWay();
        continue;
      }
      List<DeliveryJob> jobs;
      try {
        jobs = queue.claim(worker, destination, lanes, claim, lease);
      } catch (RuntimeException storeDown) {
        LOG.warn("claiming jobs failed, retrying shortly: {}", storeDown.getMessage());
        idle(Duration.ofSeconds(2));
        continue;
      }
      if (jobs.isEmpty()) {
        idle(IDLE_POLL);
        continue;
      }
      try {
        delivery.deliverAll(jobs, lease, () -> running);
      } catch (RuntimeException failed) {
        // An outcome could not be recorded (store down?): those leases run out and the jobs are
        // delivered again.
        LOG.warn(
            "delivery of {} jobs failed before every outcome was recorded: {}",
            jobs.size(),
            failed.getMessage());
      }
    }
  }

  /** Waits {@link IntakeLoad#LINGER} without claiming; new work committed does not wake it (it is the burst). */
  private void makeWay() {
    try {
      Thread.sleep(IntakeLoad.LINGER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void idle(Duration atMost) {
    lock.lock();
    try {
      long seen = wakeUps;
      long nanos = atMost.toNanos();
      while (running && seen == wakeUps && nanos > 0) {
        nanos = work.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking work: each worker finishes the delivery it has started, records its outcome, and gives back the
   * jobs it had claimed but not started (claimable at once by another instance or the next start). Waits up to
   * {@code grace} for that, so that nothing closes under a worker still recording an outcome; a worker still busy
   * then is interrupted, and its job is delivered again after its lease.
   */
  void stop(Duration grace) {
    running = false;
    wake();
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread thread : threads) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
          thread.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
    LOG.info("delivery workers stopped");
  }

  /** How many workers of each lane. */
  Map<DeliveryLane, Integer> sizes() {
    return Map.copyOf(counts);
  }
}
