package io.querylens.analyzer.scope;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.capture.Capture;
import io.querylens.analyzer.detect.FindingAccumulator;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.detect.FindingScope;
import io.querylens.analyzer.event.StatementEvent;
import java.lang.ref.WeakReference;
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

  /** The connection a transaction scope belongs to; 0 for other kinds. */
  final long connectionId;

  /** The test this unit of work runs for, or null: most run for none. */
  final Capture capture;

  /** The thread the scope belongs to, to close scopes whose thread ended without closing them. */
  private final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());

  // set by the owning thread: a transaction's or window's name at its first finding, a request's at its exit
  private volatile String name;

  // written by the owning thread only
  long lastNanos;
  int statements;

  // set by the thread that closes the scope: its owner; the report thread only for a dead owner's
  volatile boolean closed;

  final Map<String, StatementGroup> groups = new HashMap<>();
  final List<FindingAccumulator> findings = new CopyOnWriteArrayList<>();

  /** Pool waits in this scope, by pool and call site; created on the first one. */
  Map<Object, FindingAccumulator> poolWaits;
  int captures;
  long writeEpoch;

  /** The latest query that read a table, the candidate parent of statements that start after it. */
  StatementEvent lastQuery;

  Scope(ScopeKind kind, String name, long startNanos) {
    this(kind, name, startNanos, 0, null);
  }

  Scope(ScopeKind kind, String name, long startNanos, long connectionId) {
    this(kind, name, startNanos, connectionId, null);
  }

  Scope(ScopeKind kind, String name, long startNanos, long connectionId, Capture capture) {
    this.capture = capture;
    this.kind = kind;
    this.name = name;
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
    this.connectionId = connectionId;
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
  public boolean closeIfOrphaned() {
    Thread thread = owner.get();
    if (closed || thread != null && thread.isAlive()) {
      return false;
    }
    closed = true;
    return true;
  }

  /** Registers the scope, which has just raised its first finding, where its findings are read. */
  void firstFinding(FindingRegistry registry) {
    registry.opened(this);
    if (capture != null) {
      capture.findingsOpened(this);
    }
  }

  /** Whether the calling thread is the one the scope belongs to. */
  boolean ownedByCurrentThread() {
    return owner.get() == Thread.currentThread();
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
