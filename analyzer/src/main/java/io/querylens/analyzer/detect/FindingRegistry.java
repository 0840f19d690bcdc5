package io.querylens.analyzer.detect;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.report.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gathers the findings of all scopes into one finding per type, scope name, statement and call site,
 * counting in how many scopes each occurred.
 *
 * <p>Scopes with findings register while open, so a report taken mid-request still shows them, and
 * merge their findings here when they close. Bounded: beyond {@code maxFindings} distinct findings,
 * new ones are counted in {@link #droppedFindings()} and otherwise ignored. Thread-safe.
 *
 * @since 0.1
 */
public final class FindingRegistry {
  private static final Comparator<Finding> ORDER = Comparator
      .comparingInt((Finding f) -> severityRank(f.severity()))
      .thenComparing(Comparator.comparingLong(Finding::count).reversed())
      .thenComparing(Finding::type)
      .thenComparing(f -> String.valueOf(f.scope()))
      .thenComparing(f -> String.valueOf(f.fingerprint()))
      .thenComparing(f -> String.valueOf(f.callSite()));

  private final int maxFindings;
  private final Set<FindingScope> open = ConcurrentHashMap.newKeySet();
  private final LongAdder dropped = new LongAdder();

  /** Open scopes from which registering one more looks for orphans, at the least. */
  private static final int MIN_SWEEP_AT = 64;

  // written under this (closeOrphans); read without locking: a stale value only moves one sweep a little
  private volatile int sweepAt = MIN_SWEEP_AT;

  // guarded by this: closing scopes and reports take turns, so a report never counts a scope twice
  private final Map<Key, Aggregate> closed = new HashMap<>();

  private final FindingListener listener;
  private final boolean closesOrphans;

  /** A registry keeping at most {@code maxFindings} distinct findings. */
  public FindingRegistry(int maxFindings) {
    this(maxFindings, FindingListener.NONE);
  }

  /** A registry keeping at most {@code maxFindings} distinct findings, telling {@code listener} of each. */
  public FindingRegistry(int maxFindings, FindingListener listener) {
    this(maxFindings, listener, true);
  }

  /**
   * A registry of part of the findings, such as one test's, beside the main one: it leaves scopes
   * whose thread ended to the main registry to close ({@code closesOrphans} false).
   */
  public FindingRegistry(int maxFindings, boolean closesOrphans) {
    this(maxFindings, FindingListener.NONE, closesOrphans);
  }

  private FindingRegistry(int maxFindings, FindingListener listener, boolean closesOrphans) {
    this.maxFindings = maxFindings;
    this.listener = listener;
    this.closesOrphans = closesOrphans;
  }

  /** Registers an open scope that has just raised its first finding. */
  public void opened(FindingScope scope) {
    open.add(scope);
    // A thread that ends inside its window (a thread per task) never closes it, and only a report closed such
    // orphans: with reports only at shutdown they piled up until the heap ran out (issue 10, ConcurrencyIT).
    // Sweeping when the open scopes have doubled since the last sweep keeps the cost per scope constant.
    if (closesOrphans && open.size() >= sweepAt) {
      closeOrphans(true);
    }
  }

  /** Merges a closing scope's findings; called once, by the thread closing it. */
  public synchronized void close(FindingScope scope) {
    if (open.remove(scope)) {
      merge(scope, closed, true);
      tell(scope);
    }
  }

  /**
   * The findings of closed scopes, plus those of open scopes as they stand (an open scope is only
   * read here; its own thread merges it when it closes).
   */
  public synchronized List<Finding> snapshot() {
    closeOrphans(false);
    Map<Key, Aggregate> view = new LinkedHashMap<>();
    for (Map.Entry<Key, Aggregate> entry : closed.entrySet()) {
      view.put(entry.getKey(), entry.getValue().copy());
    }
    for (FindingScope scope : open) {
      merge(scope, view, false);
    }
    List<Finding> findings = new ArrayList<>(view.size());
    for (Map.Entry<Key, Aggregate> entry : view.entrySet()) {
      findings.add(entry.getValue().toFinding(entry.getKey()));
    }
    findings.sort(ORDER);
    return findings;
  }

  /**
   * Closes the open scopes whose thread ended without closing them (a pool thread retired mid-window);
   * {@code onlyIfDue}: unless another thread has just done so.
   */
  private synchronized void closeOrphans(boolean onlyIfDue) {
    if (!closesOrphans || onlyIfDue && open.size() < sweepAt) {
      return;
    }
    for (FindingScope scope : List.copyOf(open)) {
      if (scope.closeIfOrphaned()) {
        // Its thread ended without closing it: nobody else will.
        open.remove(scope);
        merge(scope, closed, true);
        tell(scope);
      }
    }
    sweepAt = Math.max(MIN_SWEEP_AT, 2 * open.size());
  }

  /**
   * Findings of closed scopes not kept because {@code maxFindings} distinct findings were already
   * held: one per scope and finding, so a finding that recurs in three scopes counts three times.
   */
  public long droppedFindings() {
    return dropped.sum();
  }

  private void merge(FindingScope scope, Map<Key, Aggregate> into, boolean bounded) {
    String name = scope.name();
    for (FindingAccumulator accumulator : scope.findings()) {
      CapturedStack stack = accumulator.stack();
      String callSite = stack == null || stack.callSite() == null ? null : stack.callSite().toString();
      NormalizedSql statement = accumulator.statement();
      Key key = new Key(accumulator.type(), name, statement == null ? null : statement.fingerprint(), callSite,
          accumulator.pool());
      Aggregate aggregate = into.get(key);
      if (aggregate == null) {
        if (bounded && into.size() >= maxFindings) {
          dropped.increment();
          continue;
        }
        aggregate = new Aggregate(scope.kind(), statement == null ? null : statement.text(), accumulator.stack(),
            accumulator.suggestion());
        into.put(key, aggregate);
      }
      aggregate.add(accumulator.figures());
    }
  }

  private void tell(FindingScope scope) {
    for (FindingAccumulator accumulator : scope.findings()) {
      CapturedStack stack = accumulator.stack();
      listener.onFinding(accumulator.type(), scope.name(), stack == null ? null : stack.callSite(),
          accumulator.count());
    }
  }

  private static int severityRank(String severity) {
    return "ERROR".equals(severity) ? 0 : "WARNING".equals(severity) ? 1 : 2;
  }

  private record Key(FindingType type, String scope, String fingerprint, String callSite, String pool) {}

  /** One finding summed over the scopes it occurred in. */
  private static final class Aggregate {
    // copies, not the first accumulator: that one holds its parent's event and raw SQL
    private final String kind;
    private final String statement;
    private final CapturedStack stack;
    private final String suggestion;
    private long count;
    private long nanos;
    private long occurrences;
    private long firstSeenMillis = Long.MAX_VALUE;
    private long lastSeenMillis = Long.MIN_VALUE;
    private long lastParentSeenMillis = Long.MIN_VALUE;
    private long longestNanos;
    private Double p50Ms;
    private List<Finding.Blocker> participants;
    private Finding.ParentQuery parent;
    private List<String> exampleParameters;
    private long exampleNanos;

    Aggregate(String kind, String statement, CapturedStack stack, String suggestion) {
      this.kind = kind;
      this.statement = statement;
      this.stack = stack;
      this.suggestion = suggestion;
    }

    void add(FindingAccumulator.Figures figures) {
      count += figures.count();
      nanos += figures.nanos();
      longestNanos = Math.max(longestNanos, figures.longestNanos());
      if (figures.p50Ms() != null) {
        p50Ms = figures.p50Ms();
      }
      if (figures.participants() != null) {
        participants = figures.participants();
      }
      if (figures.exampleParameters() != null
          && (exampleParameters == null || figures.exampleNanos() > exampleNanos)) {
        exampleParameters = figures.exampleParameters();
        exampleNanos = figures.exampleNanos();
      }
      occurrences++;
      firstSeenMillis = Math.min(firstSeenMillis, figures.firstSeenMillis());
      lastSeenMillis = Math.max(lastSeenMillis, figures.lastSeenMillis());
      if (figures.parent() != null && figures.lastSeenMillis() >= lastParentSeenMillis) {
        lastParentSeenMillis = figures.lastSeenMillis();
        parent = new Finding.ParentQuery(figures.parent().text(), figures.parent().fingerprint(), figures.parentRows());
      }
    }

    Aggregate copy() {
      Aggregate copy = new Aggregate(kind, statement, stack, suggestion);
      copy.count = count;
      copy.nanos = nanos;
      copy.occurrences = occurrences;
      copy.firstSeenMillis = firstSeenMillis;
      copy.lastSeenMillis = lastSeenMillis;
      copy.lastParentSeenMillis = lastParentSeenMillis;
      copy.parent = parent;
      copy.longestNanos = longestNanos;
      copy.p50Ms = p50Ms;
      copy.participants = participants;
      copy.exampleParameters = exampleParameters;
      copy.exampleNanos = exampleNanos;
      return copy;
    }

    Finding toFinding(Key key) {
      Finding.CallSite callSite = stack == null ? null : Finding.CallSite.of(stack.callSite());
      List<String> frames = callSite == null ? List.of() : stack.frames();
      return new Finding(key.type().name(), key.type().severity(), key.scope(), key.scope() == null ? null : kind,
          statement, key.fingerprint(), count, nanos / 1_000_000.0, callSite, frames, parent,
          suggestion, occurrences, Instant.ofEpochMilli(firstSeenMillis).toString(),
          Instant.ofEpochMilli(lastSeenMillis).toString(),
          key.type() == FindingType.SLOW_QUERY ? longestNanos / 1_000_000.0 : null,
          key.type() == FindingType.SLOW_QUERY ? p50Ms : null, null, null, key.pool(), null, null, null,
          key.type() == FindingType.DEADLOCK ? participants : null, exampleParameters);
    }
  }

  @Override
  public String toString() {
    return "FindingRegistry[open=" + open.size() + ", dropped=" + dropped.sum() + "]";
  }

}
