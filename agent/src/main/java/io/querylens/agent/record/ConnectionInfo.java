package io.querylens.agent.record;

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

  ConnectionInfo(long id, String dbSystem) {
    this.id = id;
    this.dbSystem = dbSystem;
  }

  static ConnectionInfo next(String dbSystem) {
    return new ConnectionInfo(IDS.incrementAndGet(), dbSystem);
  }
}
