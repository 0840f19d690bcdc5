package io.querylens.agent.record;

import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.report.Finding;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import java.sql.Connection;
import java.sql.Driver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import io.querylens.analyzer.capture.Capture;
import io.querylens.analyzer.capture.Captures;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * LOCK_WAIT: when a statement has been in flight longer than {@code lockWaitThreshold}, asks its
 * database who blocks it and names the blocker: the thread that last used the blocking connection,
 * where that thread's code is now, and the statements of its open transaction.
 *
 * <p>Runs on the slow-statement sweeper's thread only. The database is asked over one side
 * connection per database, opened through the application's own driver, URL and properties (never
 * from its pool), only while something waits, and closed after {@link #IDLE_CLOSE_NANOS} without
 * waiters; each wait is asked about once. Everything the agent runs there is invisible to its own
 * recording (the call-depth guard).
 */
final class LockWaitMonitor {
  static final long IDLE_CLOSE_NANOS = 2_000_000_000L;
  static final int MAX_FINDINGS = 500;
  private static final String PROBE_NAME = "querylens-lock-probe";

  private final long thresholdNanos;
  private final Recorder recorder;
  private final StackCapture stacks;
  private final WeakIdentityMap.Probe probe = new WeakIdentityMap.Probe();

  // sweeper thread only
  private final Map<String, Side> sides = new HashMap<>();
  private final Map<CallState, Episode> episodes = new java.util.concurrent.ConcurrentHashMap<>(); // read by reports

  // the stacks of the latest waits by session id, for naming deadlock participants; bounded
  private final Map<String, CapturedStack> recentWaits = java.util.Collections.synchronizedMap(
      new LinkedHashMap<String, CapturedStack>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CapturedStack> eldest) {
          return size() > 64;
        }
      });

  // guarded by this (the sweeper writes, reports read)
  private final Map<String, Aggregate> aggregates = new LinkedHashMap<>();

  // set once before the sweeper starts
  private io.querylens.exporter.metrics.QueryLensMetrics metrics;

  LockWaitMonitor(long thresholdNanos, Recorder recorder, StackCapture stacks) {
    this.thresholdNanos = thresholdNanos;
    this.recorder = recorder;
    this.stacks = stacks;
  }

  void timeInto(io.querylens.exporter.metrics.QueryLensMetrics metrics) {
    this.metrics = metrics;
  }

  /** One look at every in-flight execution; called by the sweeper. */
  void check(long now) {
    for (Iterator<Map.Entry<CallState, Episode>> it = episodes.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<CallState, Episode> entry = it.next();
      if (entry.getKey().executingSince() != entry.getValue().sinceNanos) {
        finish(entry.getValue());
        it.remove();
      } else {
        entry.getValue().lastSeenNanos = now;
      }
    }
    JdbcHooks.forEachState(state -> {
      long since = state.executingSince();
      if (since != 0 && now - since >= thresholdNanos && !episodes.containsKey(state)
          && state.thread != Thread.currentThread()) {
        Episode episode = ask(state, since, now);
        if (episode != null) {
          episodes.put(state, episode);
          tellTest(episode, state.thread);
        }
      }
    });
    closeIdleSides(now);
  }

  /** Where the session last waited, as the monitor saw it; null when it saw no wait. */
  CapturedStack recentWait(String sessionId) {
    return recentWaits.get(sessionId);
  }

  /** LOCK_WAIT findings: waits that ended, and those still going on. */
  synchronized List<Finding> findings() {
    Map<String, Aggregate> view = new LinkedHashMap<>();
    for (Map.Entry<String, Aggregate> entry : aggregates.entrySet()) {
      view.put(entry.getKey(), entry.getValue().copy());
    }
    for (Episode episode : List.copyOf(episodes.values())) {
      if (episode.blocked) {
        view.computeIfAbsent(episode.key(), k -> new Aggregate(episode)).add(episode);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Aggregate aggregate : view.values()) {
      findings.add(aggregate.toFinding());
    }
    return findings;
  }

  /** Closes the side connections; at shutdown. */
  void close() {
    for (Side side : sides.values()) {
      side.close();
    }
    sides.clear();
  }

  /** A test that the waiting thread works for learns of the wait at once, while it still runs. */
  private void tellTest(Episode episode, Thread waiting) {
    Captures captures = episode.blocked ? recorder.captures() : null;
    episode.capture = captures == null || captures.running() == 0 ? null : captures.onThread(waiting);
    if (episode.capture != null) {
      episode.capture.addFinding(episode, episode.toFinding());
    }
  }

  private synchronized void finish(Episode episode) {
    if (!episode.blocked) {
      return; // slow, but nobody held a lock it wanted
    }
    if (episode.capture != null) {
      episode.capture.addFinding(episode, episode.toFinding());
    }
    if (metrics != null) {
      metrics.onLockWait(episode.statement, episode.stack.callSite(), episode.waitedNanos());
    }
    Aggregate aggregate = aggregates.get(episode.key());
    if (aggregate == null) {
      if (aggregates.size() >= MAX_FINDINGS) {
        return;
      }
      aggregate = new Aggregate(episode);
      aggregates.put(episode.key(), aggregate);
    }
    aggregate.add(episode);
  }

  private Episode ask(CallState state, long since, long now) {
    Object statement = state.statement;
    String sql = state.sql;
    ConnectionInfo connection = recorder.connectionOf(statement, probe);
    if (connection == null || connection.origin == null) {
      return null;
    }
    LockProbe lockProbe = LockProbe.forDatabase(connection.dbSystem);
    String waitingSession = lockProbe == null ? null : connection.sessionId();
    FingerprintCache.Fingerprinted waiter = recorder.inFlight(statement, sql, probe);
    CapturedStack waiterStack = stacks.read(state.thread.getStackTrace());
    if (waiter == null || state.executingSince() != since) {
      return null;
    }
    Episode episode = new Episode(since, now, waiter.normalized, waiterStack);
    if (lockProbe == null || waitingSession == null) {
      // The database cannot be asked: look for an open writing transaction of ours on its tables.
      infer(episode, connection);
      return episode;
    }
    recentWaits.put(waitingSession, waiterStack);
    CallState own = JdbcHooks.state();
    own.depth++; // what the agent runs here is not the application's
    try {
      Side side = sideFor(connection, lockProbe, now);
      if (side == null) {
        return episode;
      }
      LockProbe.Answer answer = lockProbe.ask(side.connection, waitingSession);
      side.lastUsedNanos = now;
      if (!answer.blockers().isEmpty()) {
        ConnectionInfo.noteTransactionStarts = true;
        episode.blocked = true;
        episode.relation = answer.relation();
        episode.mode = answer.mode();
        episode.blocker = describe(answer.blockers().get(0), connection.dbSystem);
      }
    } catch (Throwable t) {
      AgentErrors.record("lock", "could not ask the database who blocks a waiting statement", t);
    } finally {
      own.depth--;
    }
    return episode;
  }

  private void infer(Episode episode, ConnectionInfo waiting) {
    ConnectionInfo[] found = new ConnectionInfo[1];
    recorder.forEachConnection(info -> {
      if (found[0] == null && info != waiting && info.dbSystem.equals(waiting.dbSystem)
          && info.autoCommit == ConnectionInfo.AUTO_COMMIT_OFF
          && WriteTargets.conflict(episode.statement.text(), info.transactionStatements())) {
        found[0] = info;
      }
    });
    ConnectionInfo blocking = found[0];
    Thread thread = blocking == null ? null : blocking.lastThread;
    if (thread == null) {
      return;
    }
    ConnectionInfo.noteTransactionStarts = true;
    CapturedStack stack = stacks.read(thread.getStackTrace());
    Finding.CallSite site = blockerSite(blocking, stack);
    episode.blocked = true;
    episode.blocker = new Finding.Blocker(thread.getName(), site, stack.frames(),
        blocking.transactionStatements(), false, null, null, Boolean.TRUE);
  }

  private Finding.Blocker describe(LockProbe.BlockingSession session, String dbSystem) {
    ConnectionInfo[] found = new ConnectionInfo[1];
    recorder.forEachConnection(info -> {
      if (found[0] == null && dbSystem.equals(info.dbSystem) && session.sessionId().equals(info.sessionId())) {
        found[0] = info;
      }
    });
    ConnectionInfo blocking = found[0];
    Thread thread = blocking == null ? null : blocking.lastThread;
    if (thread == null) {
      // Outside this JVM: what the database says, without its literals.
      String query = session.query() == null || session.query().isBlank() ? null
          : Fingerprinter.normalize(session.query(), dbSystem).text();
      return new Finding.Blocker(null, null, List.of(), List.of(), session.idleInTransaction(), session.sessionId(),
          query);
    }
    CapturedStack stack = stacks.read(thread.getStackTrace());
    Finding.CallSite site = blockerSite(blocking, stack);
    return new Finding.Blocker(thread.getName(), site, stack.frames(), blocking.transactionStatements(),
        session.idleInTransaction(), session.sessionId(), null);
  }

  private Side sideFor(ConnectionInfo connection, LockProbe lockProbe, long now) throws Exception {
    ConnectionOrigin origin = connection.origin;
    Side side = sides.get(origin.url);
    if (side != null && !side.connection.isClosed()) {
      return side;
    }
    Object driver = origin.driver.get();
    if (!(driver instanceof Driver)) {
      return null;
    }
    Properties properties = new Properties();
    properties.putAll(origin.properties);
    if ("postgresql".equals(connection.dbSystem)) {
      properties.setProperty("ApplicationName", PROBE_NAME);
    }
    Connection opened;
    try {
      opened = ((Driver) driver).connect(origin.url, properties);
    } catch (java.sql.SQLException e) {
      // Said apart from the probe's other failures: the fix is the database's, not ours. The SQLState, not the
      // message, which may name the user or the host.
      AgentErrors.record("lock-probe", "could not open a side connection to ask " + connection.dbSystem
          + " who blocks a waiting statement (SQLState " + e.getSQLState() + "), so lock waits are not reported;"
          + " let the application's database user open one more connection, which the agent opens with the"
          + " application's own URL and credentials", null);
      return null;
    }
    if (opened == null) {
      return null;
    }
    opened.setAutoCommit(true);
    lockProbe.setUp(opened);
    side = new Side(opened, now);
    sides.put(origin.url, side);
    return side;
  }

  private void closeIdleSides(long now) {
    if (!episodes.isEmpty()) {
      return;
    }
    for (Iterator<Side> it = sides.values().iterator(); it.hasNext(); ) {
      Side side = it.next();
      if (now - side.lastUsedNanos > IDLE_CLOSE_NANOS) {
        side.close();
        it.remove();
      }
    }
  }

  /** Where the blocker's transaction began, once this JVM notes that; until then where its thread is now. */
  private static Finding.CallSite blockerSite(ConnectionInfo blocking, CapturedStack now) {
    return blocking.transactionStart != null
        ? Finding.CallSite.of(blocking.transactionStart) : Finding.CallSite.of(now.callSite());
  }

  /** The agent's own connection to one database. */
  private static final class Side {
    final Connection connection;
    long lastUsedNanos;

    Side(Connection connection, long now) {
      this.connection = connection;
      this.lastUsedNanos = now;
    }

    void close() {
      CallState own = JdbcHooks.state();
      own.depth++;
      try {
        connection.close();
      } catch (Throwable t) {
        // already gone; nothing holds it any more
      } finally {
        own.depth--;
      }
    }
  }

  /** One statement's wait, from when it passed the threshold until it ended. */
  private static final class Episode {
    final long sinceNanos;
    volatile long lastSeenNanos;
    final NormalizedSql statement;
    final CapturedStack stack;
    final long startedMillis = System.currentTimeMillis();
    volatile boolean blocked;
    volatile Finding.Blocker blocker;
    volatile String relation;
    volatile String mode;

    /** The test the waiting thread worked for when the wait was confirmed, or null. */
    volatile Capture capture;

    Episode(long sinceNanos, long now, NormalizedSql statement, CapturedStack stack) {
      this.sinceNanos = sinceNanos;
      this.lastSeenNanos = now;
      this.statement = statement;
      this.stack = stack;
    }

    /** This wait alone, as a finding: for the test it happened in. */
    Finding toFinding() {
      return new Aggregate(this).add(this).toFinding();
    }

    String key() {
      return statement.fingerprint() + " " + (stack.callSite() == null ? "" : stack.callSite().toString());
    }

    long waitedNanos() {
      return lastSeenNanos - sinceNanos;
    }
  }

  /** The waits of one statement at one call site. */
  private static final class Aggregate {
    final NormalizedSql statement;
    final CapturedStack stack;
    long count;
    long totalNanos;
    long longestNanos;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis;
    Finding.Blocker blocker;
    String relation;
    String mode;

    Aggregate(Episode first) {
      this.statement = first.statement;
      this.stack = first.stack;
    }

    Aggregate add(Episode episode) {
      count++;
      long waited = episode.waitedNanos();
      totalNanos += waited;
      longestNanos = Math.max(longestNanos, waited);
      firstMillis = Math.min(firstMillis, episode.startedMillis);
      lastMillis = Math.max(lastMillis, episode.startedMillis + waited / 1_000_000L);
      blocker = episode.blocker;
      relation = episode.relation;
      mode = episode.mode;
      return this;
    }

    Aggregate copy() {
      Aggregate copy = new Aggregate(statement, stack);
      copy.count = count;
      copy.totalNanos = totalNanos;
      copy.longestNanos = longestNanos;
      copy.firstMillis = firstMillis;
      copy.lastMillis = lastMillis;
      copy.blocker = blocker;
      copy.relation = relation;
      copy.mode = mode;
      return copy;
    }

    private Aggregate(NormalizedSql statement, CapturedStack stack) {
      this.statement = statement;
      this.stack = stack;
    }

    Finding toFinding() {
      return new Finding(FindingType.LOCK_WAIT.name(), FindingType.LOCK_WAIT.severity(), null, null,
          statement.text(), statement.fingerprint(), count, totalNanos / 1_000_000.0,
          Finding.CallSite.of(stack.callSite()), stack.frames(),
          null, Suggestions.forFinding(FindingType.LOCK_WAIT, stack.framework()), count,
          Instant.ofEpochMilli(firstMillis).toString(), Instant.ofEpochMilli(lastMillis).toString(),
          longestNanos / 1_000_000.0, null, null, null, null, blocker, relation, mode, null);
    }
  }
}
