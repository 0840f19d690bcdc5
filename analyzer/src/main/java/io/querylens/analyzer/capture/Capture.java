package io.querylens.analyzer.capture;

import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.detect.FindingScope;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers what ran for one test: every statement of the units of work attributed to it (its own
 * thread's scopes, and requests it sent to a server in the same JVM), and their findings.
 *
 * <p>Thread-safe: statements arrive from the test's thread and from server threads at once. Only
 * tests pay for it; a unit of work outside any test has no capture.
 *
 * @since 0.1
 */
public final class Capture {
  /** Distinct statements kept; beyond it, executions are still counted under {@link #OVERFLOW}. */
  static final int MAX_STATEMENTS = 2_000;

  static final String OVERFLOW = "(other statements, beyond " + MAX_STATEMENTS + " distinct ones)";

  private static final int MAX_FINDINGS = 1_000;

  private final String id;
  private final String name;

  // guarded by this
  private Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Map<Object, Finding> external = new LinkedHashMap<>();

  // replaced by clear(); a scope registered with an older one is forgotten with it
  private volatile FindingRegistry findings = newRegistry();
  private volatile int pauses;
  private final AtomicLong unattributed = new AtomicLong();

  /** A capture for the test {@code id}, shown as {@code name}. */
  public Capture(String id, String name) {
    this.id = id;
    this.name = name;
  }

  /** The test's unique id, which requests name in their header. */
  public String id() {
    return id;
  }

  /** The test's display name. */
  public String name() {
    return name;
  }

  /** Counts one execution. */
  public void add(StatementEvent event) {
    NormalizedSql normalized = event.normalized();
    boolean batched = event.batchSize() > 0 || event.shape().multiRow();
    synchronized (this) {
      Tally tally = tallies.get(normalized.fingerprint());
      if (tally == null) {
        if (tallies.size() < MAX_STATEMENTS) {
          tally = new Tally(normalized.text(), normalized.fingerprint(), normalized.operation());
          tallies.put(normalized.fingerprint(), tally);
        } else {
          tally = tallies.computeIfAbsent(OVERFLOW, k -> new Tally(OVERFLOW, OVERFLOW, "OTHER"));
        }
      }
      tally.add(event.durationNanos(), batched, event.failed());
    }
  }

  /** A unit of work of this capture raised its first finding. */
  public void findingsOpened(FindingScope scope) {
    findings.opened(scope);
  }

  /** A unit of work of this capture that had findings ended. */
  public void findingsClosed(FindingScope scope) {
    findings.close(scope);
  }

  /**
   * A finding raised outside any unit of work's detectors (a lock wait, seen by a monitor thread);
   * a later one under the same {@code key} (such as the same wait, now ended) replaces it.
   */
  public synchronized void addFinding(Object key, Finding finding) {
    if (external.size() < MAX_FINDINGS || external.containsKey(key)) {
      external.put(key, finding);
    }
  }

  /** A request that may have been this test's was served, but could not be told apart from others'. */
  void unattributedRequest() {
    unattributed.incrementAndGet();
  }

  /** Forgets everything captured so far. */
  public synchronized void clear() {
    unattributed.set(0);
    tallies = new LinkedHashMap<>();
    external.clear();
    findings = newRegistry();
  }

  /** Requests sent while paused are not attributed to this capture; pauses nest. */
  public synchronized void pause() {
    pauses++;
  }

  /** Ends one {@link #pause()}. */
  public synchronized void resume() {
    if (pauses > 0) {
      pauses--;
    }
  }

  /** Whether the capture is paused. */
  public boolean paused() {
    return pauses > 0;
  }

  /** What was captured so far; findings of units of work still open as they stand. */
  public CapturedQueries snapshot() {
    List<Finding> found = new ArrayList<>(findings.snapshot());
    List<CapturedStatement> statements;
    synchronized (this) {
      found.addAll(mergedByLine(external.values()));
      statements = new ArrayList<>(tallies.size());
      for (Tally tally : tallies.values()) {
        statements.add(tally.toStatement());
      }
    }
    return new CapturedQueries(CapturedQueries.SCHEMA_VERSION, statements, found, unattributed.get());
  }

  /** Findings of one type, statement and call site as one, as the report has them (lock waits of a test). */
  private static List<Finding> mergedByLine(Iterable<Finding> findings) {
    Map<List<Object>, List<Finding>> byLine = new LinkedHashMap<>();
    for (Finding finding : findings) {
      List<Object> line = Arrays.asList(finding.type(), finding.fingerprint(), finding.callSite());
      byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(finding);
    }
    List<Finding> merged = new ArrayList<>(byLine.size());
    byLine.values().forEach(parts -> merged.add(Finding.merged(parts)));
    return merged;
  }

  private static FindingRegistry newRegistry() {
    return new FindingRegistry(MAX_FINDINGS, false);
  }

  @Override
  public String toString() {
    return "Capture[" + name + "]";
  }

  /** One statement's figures; guarded by the capture. */
  private static final class Tally {
    final String statement;
    final String fingerprint;
    final String operation;
    long executions;
    long batched;
    long failed;
    long totalNanos;
    long maxNanos;

    Tally(String statement, String fingerprint, String operation) {
      this.statement = statement;
      this.fingerprint = fingerprint;
      this.operation = operation;
    }

    void add(long nanos, boolean batch, boolean failure) {
      executions++;
      if (batch) {
        batched++;
      }
      if (failure) {
        failed++;
      }
      totalNanos += nanos;
      maxNanos = Math.max(maxNanos, nanos);
    }

    CapturedStatement toStatement() {
      return new CapturedStatement(statement, fingerprint, operation, executions, batched, failed,
          totalNanos / 1_000_000.0, maxNanos / 1_000_000.0);
    }
  }
}
