package io.querylens.agent.record;

import io.querylens.analyzer.fingerprint.NormalizedSql;
import java.lang.ref.WeakReference;

import java.util.concurrent.atomic.AtomicLong;

/** What the agent knows of one connection object: a JVM-unique id and its database system. */
final class ConnectionInfo {
  private static final AtomicLong IDS = new AtomicLong();

  static final ConnectionInfo UNKNOWN = new ConnectionInfo(0, DbSystem.UNKNOWN);

  final long id;
  final String dbSystem;

  static final int AUTO_COMMIT_UNKNOWN = 0;
  static final int AUTO_COMMIT_ON = 1;
  static final int AUTO_COMMIT_OFF = 2;

  /**
   * Whether auto-commit is on or off, so statements run in a transaction the application commits,
   * or unknown: at first, and after {@code close}, since pools reset the mode (or leave it off when
   * configured so) inside their own calls. Written by whichever thread changes or reads the mode,
   * read by the thread that executes.
   */
  volatile int autoCommit = AUTO_COMMIT_UNKNOWN;

  /** How to open another connection like this one (for lock probes); null when not seen being opened. */
  final ConnectionOrigin origin;

  /** The physical connection, weakly, to read its server session id when a lock wait needs it. */
  final WeakReference<Object> physical;

  // The rest is written by the thread using the connection on each statement, without
  // synchronization, and read racily by the lock-wait sweeper: a stale value only blurs a report.

  /** The thread that last ran a statement on it. */
  Thread lastThread;

  /** The statements of its open transaction, oldest first, the last {@link #RECENT} of them. */
  private NormalizedSql[] recent = new NormalizedSql[RECENT];
  private int recentCount;

  /** The statements of the transaction before, kept by swapping arrays: ending one allocates nothing. */
  private NormalizedSql[] previous = new NormalizedSql[RECENT];
  private int previousCount;

  // The server's id for this session, once read: PostgreSQL backend pid, MariaDB thread id, H2 session id.
  private volatile String sessionId;

  /** The server's id for this session, read (by reflection, no SQL) on first need; null when unknown. */
  String sessionId() {
    String id = sessionId;
    if (id == null) {
      id = SessionIds.of(physical.get());
      sessionId = id;
    }
    return id;
  }

  static final int RECENT = 8;

  ConnectionInfo(long id, String dbSystem) {
    this(id, dbSystem, null, null);
  }

  ConnectionInfo(long id, String dbSystem, ConnectionOrigin origin, Object physical) {
    this.id = id;
    this.dbSystem = dbSystem;
    this.origin = origin;
    this.physical = new WeakReference<>(physical);
  }

  static ConnectionInfo next(String dbSystem) {
    return new ConnectionInfo(IDS.incrementAndGet(), dbSystem);
  }

  static ConnectionInfo opened(String dbSystem, ConnectionOrigin origin, Object physical) {
    return new ConnectionInfo(IDS.incrementAndGet(), dbSystem, origin, physical);
  }

  /**
   * Set once this JVM has seen a statement blocked by another transaction: from then on the first
   * statement of every transaction notes where it began (a short stack walk), so later blockers are
   * named by the line that opened their transaction. Applications without lock contention never pay.
   */
  static volatile boolean noteTransactionStarts;

  /** Where the open transaction began, when noted; see {@link #noteTransactionStarts}. */
  io.querylens.analyzer.callsite.CapturedStack.StackLine transactionStart;

  /** Notes a statement run in the connection's open transaction; true when it is the first. */
  boolean ranInTransaction(NormalizedSql statement) {
    recent[recentCount++ % RECENT] = statement;
    return recentCount == 1;
  }

  /** The transaction ended: its statements are forgotten. */
  void transactionEnded() {
    transactionStart = null;
    if (recentCount == 0) {
      return;
    }
    NormalizedSql[] ended = recent;
    recent = previous;
    previous = ended;
    previousCount = recentCount;
    recentCount = 0;
  }

  /** The open transaction's statements or, when none is open, the last one's; oldest first. */
  java.util.List<String> latestTransactionStatements() {
    java.util.List<String> open = transactionStatements();
    return open.isEmpty() ? statements(previous, previousCount) : open;
  }

  /** The statements of the open transaction, oldest first. */
  java.util.List<String> transactionStatements() {
    return statements(recent, recentCount);
  }

  private static java.util.List<String> statements(NormalizedSql[] recent, int count) {
    java.util.List<String> texts = new java.util.ArrayList<>(Math.min(count, RECENT));
    for (int i = Math.max(0, count - RECENT); i < count; i++) {
      NormalizedSql statement = recent[i % RECENT];
      if (statement != null) {
        texts.add(statement.text());
      }
    }
    return texts;
  }
}
