package io.querylens.analyzer.scope;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.detect.FindingAccumulator;
import io.querylens.analyzer.detect.FindingScope;
import io.querylens.analyzer.event.StatementEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One unit of work: a request, a transaction, a test, an explicit scope or a thread's window, and
 * what ran in it.
 *
 * <p>Everything but the name, the findings and the closed flag is confined to the thread the scope
 * belongs to.
 */
final class Scope implements FindingScope {
  final ScopeKind kind;
  final long startNanos;
  private final long idleGapNanos;

  // set once by the owning thread (request name at exit, transaction and window names at the first finding)
  private volatile String name;

  // written by the owning thread on every statement, so not volatile; the report thread reads it
  // racily to expire idle windows, where a stale value only delays the expiry to the next report
  long lastNanos;

  // set by whichever thread closes the scope: its owner, or the report thread for an idle window
  volatile boolean closed;

  final Map<String, StatementGroup> groups = new HashMap<>();
  final List<FindingAccumulator> findings = new CopyOnWriteArrayList<>();
  int captures;
  long writeEpoch;
  long statements;
  long untrackedStatements;

  /** The latest query that read a table, the candidate parent of statements that start after it. */
  StatementEvent lastQuery;

  Scope(ScopeKind kind, String name, long startNanos, long idleGapNanos) {
    this.kind = kind;
    this.name = name;
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
    this.idleGapNanos = idleGapNanos;
  }

  @Override
  public String name() {
    String current = name;
    return current != null ? current : kind.label();
  }

  @Override
  public String kind() {
    return kind.label();
  }

  @Override
  public List<FindingAccumulator> findings() {
    return findings;
  }

  @Override
  public boolean expireIfIdle(long nowNanos) {
    if (kind != ScopeKind.THREAD || closed || nowNanos - lastNanos <= idleGapNanos) {
      return false;
    }
    closed = true;
    return true;
  }

  void rename(String newName) {
    name = newName;
  }

  /** Names a transaction or window after the application method it ran under, once. */
  void nameAfter(CapturedStack stack) {
    if (name == null && stack != null && stack.entryPoint() != null) {
      name = kind.label() + " in " + stack.entryPoint();
    }
  }

  /** {@code kind: name}, such as {@code request: GET /owners/{ownerId}}; just the kind while unnamed. */
  String describe() {
    String current = name;
    return current == null ? kind.label() : kind.label() + ": " + current;
  }

  @Override
  public String toString() {
    return describe();
  }
}
