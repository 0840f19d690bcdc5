package example.lockwait;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A row held by a transaction that has gone quiet. Thread {@value #BLOCKER} turns autocommit off, updates
 * account 1, then sits in {@code holdTheRow} for {@link #HOLD} running nothing (idle in transaction) before
 * it commits. Thread {@value #WAITER}, once the row is locked, updates the same row in autocommit mode and
 * waits for that commit. Under {@code lockWaitThreshold=200ms} the agent must report one LOCK_WAIT at the
 * waiter's line, naming the blocker's thread, where that thread sits and what its transaction ran.
 *
 * <p>On PostgreSQL the main thread also counts this process's lock-probe connections ({@link ProbeCensus}):
 * once before any wait, then every {@value #CENSUS_INTERVAL_MS} ms until the waiter's update returns.
 *
 * <p>Only the blocker's hold is timed; the threads meet on latches with a {@value #LIMIT_SECONDS} s limit,
 * so a database that does not block as expected fails the workload instead of hanging it.
 *
 * <p>Usage: {@code RowHeldIdleInTransaction <jdbc url> <token>}: PostgreSQL, MariaDB, or H2 with a lock
 * timeout far longer than the hold ({@code LOCK_TIMEOUT=10000}); the table is {@link #table table(token)}.
 * Prints {@code observed blockerSession=<id>} (the blocker's session as its database names it), {@code
 * observed waitedMs=<ms>} (the waiter's update as the application timed it); on PostgreSQL {@code observed
 * probeCensus=<whether it could count>} and then {@code observed probesAtStart=<n>}, {@code observed
 * probesDuringWait=<most at once>} and {@code observed probeCounts=<counts taken during the wait>}; then
 * {@code workload done}. Exits 1 if the waiter's update went through while the row was held.
 */
public final class RowHeldIdleInTransaction {

  /** The thread that holds the row. */
  public static final String BLOCKER = "blocker";

  /** The thread that waits for it. */
  public static final String WAITER = "waiter";

  /** How long the blocker keeps its transaction open, idle, after its update. */
  public static final Duration HOLD = Duration.ofMillis(1500);

  // Far above the hold and below the test's limit on the child JVM.
  private static final long LIMIT_SECONDS = 30;
  private static final long CENSUS_INTERVAL_MS = 50;

  private final AccountDatabase database;
  private final String debitUpdate;
  private final String creditUpdate;
  private final CountDownLatch rowLocked = new CountDownLatch(1);
  private final CountDownLatch updateSent = new CountDownLatch(1);
  private final CountDownLatch committing = new CountDownLatch(1);
  private final CountDownLatch waiterDone = new CountDownLatch(1);

  private RowHeldIdleInTransaction(AccountDatabase database) {
    this.database = database;
    this.debitUpdate = "update " + database.table() + " set balance = balance - 1 where id = 1";
    this.creditUpdate = "update " + database.table() + " set balance = balance + 1 where id = 1";
  }

  /** The table a run with {@code token} locks. */
  public static String table(String token) {
    return AccountDatabase.table(token);
  }

  /** Runs the contention; see the class comment. */
  public static void main(String[] args) throws Exception {
    AccountDatabase database = AccountDatabase.at(args[0], args[1]);
    database.createAccount();
    RowHeldIdleInTransaction contention = new RowHeldIdleInTransaction(database);
    long waited;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    for (int round = 1; round < rounds; round++) {
      // Earlier rounds of the same contention, each with fresh latches: after the first, the agent
      // notes where transactions begin.
      new RowHeldIdleInTransaction(database).run(null);
    }
    if (database.kind() == AccountDatabase.Kind.POSTGRESQL) {
      try (ProbeCensus census = ProbeCensus.openIfItCanTell(database)) {
        observe("probeCensus", census != null);
        if (census != null) {
          observe("probesAtStart", census.count());
        }
        waited = contention.run(census);
      }
    } else {
      waited = contention.run(null);
    }
    database.dropAccount();
    observe("waitedMs", waited / 1_000_000.0);
    System.out.println("workload done");
  }

  /** Starts both threads, counts probes while the waiter waits if {@code census} is given; the wait in ns. */
  private long run(ProbeCensus census) throws Exception {
    FutureTask<Void> blocker = start(BLOCKER, this::debitAndHold);
    FutureTask<Long> waiter = start(WAITER, this::credit);
    if (census != null) {
      countProbesWhileTheWaiterWaits(census);
    }
    long waited = joined(waiter);
    joined(blocker);
    if (waited < 0) {
      System.out.println("the waiter's update went through while the blocker held the row");
      System.exit(1);
    }
    return waited;
  }

  private Void debitAndHold() throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      observe("blockerSession", database.sessionId(c));
      c.setAutoCommit(false);
      int updated = s.executeUpdate(debitUpdate); // marker: blocker-update
      requireOneRow(updated, "blocker");
      rowLocked.countDown();
      holdTheRow();
      committing.countDown();
      c.commit();
    }
    return null;
  }

  /** Keeps the row locked, running nothing: the transaction is open and idle. */
  private static void holdTheRow() throws InterruptedException {
    Thread.sleep(HOLD.toMillis()); // marker: blocker-hold
  }

  /** The waiter's update, timed in ns; -1 when it did not wait for the blocker's commit. */
  private long credit() throws Exception {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      await(rowLocked, "the blocker to lock the row");
      updateSent.countDown();
      long start = System.nanoTime();
      int updated = s.executeUpdate(creditUpdate); // marker: waiter-update
      long waited = System.nanoTime() - start;
      requireOneRow(updated, "waiter");
      // The commit releases the row before commit() returns to the blocker, so only its start is ordered.
      return committing.getCount() == 0 ? waited : -1;
    } finally {
      waiterDone.countDown();
    }
  }

  private void countProbesWhileTheWaiterWaits(ProbeCensus census) throws Exception {
    await(updateSent, "the waiter to send its update");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    int most = 0;
    int counts = 0;
    while (!waiterDone.await(CENSUS_INTERVAL_MS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
      most = Math.max(most, census.count());
      counts++;
    }
    observe("probesDuringWait", most);
    observe("probeCounts", counts);
  }

  private static <T> FutureTask<T> start(String name, Callable<T> body) {
    FutureTask<T> task = new FutureTask<>(body);
    new Thread(task, name).start();
    return task;
  }

  private static <T> T joined(FutureTask<T> task) throws Exception {
    try {
      // each thread bounds its own waits; this limit only catches a statement that never returns
      return task.get(3 * LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException, TimeoutException {
    if (!latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException(Thread.currentThread().getName() + " waited " + LIMIT_SECONDS + " s for " + what);
    }
  }

  private static void requireOneRow(int updated, String who) {
    if (updated != 1) {
      throw new IllegalStateException("the " + who + "'s update changed " + updated + " rows, not 1");
    }
  }

  /** Prints {@code observed <key>=<value>}, an oracle for the test. */
  private static void observe(String key, Object value) {
    System.out.println("observed " + key + "=" + value);
  }
}
