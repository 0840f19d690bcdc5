package io.querylens.analyzer.scope;

import io.querylens.analyzer.callsite.Framework;
import io.querylens.analyzer.detect.Execution;
import io.querylens.analyzer.detect.FindingAccumulator;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.detect.Suggestions;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.StatementShape;

/** The detectors' view of the execution being recorded; one per thread, re-pointed for each statement. */
final class ExecutionView implements Execution {
  private Scope scope;
  private StatementGroup group;
  private CallSiteGroup site;
  private StatementEvent event;
  private boolean batched;
  private boolean repeats;
  private ScopeTracker tracker;

  /** Whether this execution's call site was seen on the stack rather than assumed from the last one. */
  boolean sited;

  void point(ScopeTracker tracker, Scope scope, StatementGroup group, CallSiteGroup site, StatementEvent event,
      boolean batched, boolean repeats) {
    this.tracker = tracker;
    this.scope = scope;
    this.group = group;
    this.site = site;
    this.event = event;
    this.batched = batched;
    this.repeats = repeats;
  }

  /** Drops the references, so a finished scope is not kept alive by its thread. */
  void clear() {
    scope = null;
    group = null;
    site = null;
    event = null;
  }

  @Override
  public StatementEvent event() {
    return event;
  }

  @Override
  public StatementShape shape() {
    return event.shape();
  }

  @Override
  public boolean batched() {
    return batched;
  }

  @Override
  public boolean repeatsParameters() {
    return repeats;
  }

  @Override
  public long singleExecutionsAtSite() {
    return site.singles;
  }

  @Override
  public long singleNanosAtSite() {
    return site.singleNanos;
  }

  @Override
  public boolean distinctParametersAtSite() {
    return site.distinctParameters;
  }

  @Override
  public boolean hasFinding(FindingType type) {
    return site.findings[type.ordinal()] != null;
  }

  @Override
  public void raise(FindingType type, long count, long nanos) {
    if (site.findings[type.ordinal()] != null) {
      return;
    }
    CallSiteGroup confirmed = tracker.confirmSite(scope, group, site, event, this);
    if (confirmed != site) {
      // The execution came from elsewhere: the counts this decision rested on were not one site's.
      site = confirmed;
      return;
    }
    Framework framework = site.stack == null ? Framework.PLAIN_JDBC : site.stack.framework();
    long firstNanos = site.seen ? Math.min(site.firstEndNanos, event.endNanos()) : event.endNanos();
    FindingAccumulator finding = new FindingAccumulator(type, group.statement, site.stack,
        Suggestions.forFinding(type, framework), type == FindingType.N_PLUS_ONE ? group.parent : null,
        event.statistics(), count, nanos, event.durationNanos(), firstNanos, event.endNanos());
    finding.participants(event.deadlockParticipants());
    finding.example(event);
    site.findings[type.ordinal()] = finding;
    scope.nameAfter(site.stack);
    boolean first = scope.findings.isEmpty();
    scope.findings.add(finding);
    if (first) {
      scope.firstFinding(tracker.registry());
    }
  }

  @Override
  public void addToFinding(FindingType type) {
    FindingAccumulator finding = site.findings[type.ordinal()];
    if (finding != null) {
      finding.add(event.startNanos(), event.endNanos());
      finding.participants(event.deadlockParticipants());
      finding.example(event);
    }
  }
}
