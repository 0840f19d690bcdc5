package io.querylens.exporter.report;

import io.querylens.analyzer.report.AgentInfo;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.Summary;
import io.querylens.analyzer.report.TransactionCounts;
import io.querylens.analyzer.stats.LatencyBucket;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the reports of several instances (or runs) into one, as if one process had run it all.
 *
 * <p>Statements merge by fingerprint: counts and times add up, minimum and maximum are kept, the
 * mean and standard deviation are recomputed from the parts, and the percentiles are read from the
 * merged histograms (a version 1 report has none: then the largest of the parts' percentiles is kept,
 * an upper bound). Findings merge on type, scope, statement, call site and pool. The runtime is the
 * first report's.
 */
public final class ReportMerge {
  private ReportMerge() {}

  /** One report holding all of {@code reports}, in the order given; at least one. */
  public static Report merge(List<Report> reports, String agentVersion) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Map<String, List<QueryEntry>> byFingerprint = new LinkedHashMap<>();
    Map<String, List<Finding>> byFinding = new LinkedHashMap<>();
    for (Report report : reports) {
      report.queries().forEach(q -> byFingerprint.computeIfAbsent(q.fingerprint(), k -> new ArrayList<>()).add(q));
      report.findings().forEach(f -> byFinding.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f));
    }
    List<QueryEntry> queries = new ArrayList<>();
    byFingerprint.values().forEach(parts -> queries.add(mergeQueries(parts)));
    queries.sort(Comparator.comparingDouble(QueryEntry::totalMs).reversed().thenComparing(QueryEntry::fingerprint));
    List<Finding> findings = new ArrayList<>();
    byFinding.values().forEach(parts -> findings.add(Finding.merged(parts)));
    return new Report(Report.SCHEMA_VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
        new AgentInfo(agentVersion), reports.get(0).runtime(), summary(reports, queries, findings), queries, findings);
  }

  /** What identifies one finding across reports: all but its figures. */
  static String key(Finding f) {
    return f.type() + "|" + f.scope() + "|" + f.fingerprint() + "|" + f.callSite() + "|" + f.pool();
  }

  private static Summary summary(List<Report> reports, List<QueryEntry> queries, List<Finding> findings) {
    long statements = 0;
    long errors = 0;
    long rows = 0;
    double totalMs = 0;
    for (QueryEntry q : queries) {
      statements += q.calls();
      errors += q.errors();
      rows += q.rows();
      totalMs += q.totalMs();
    }
    long fingerprints = queries.stream()
        .filter(q -> !StatisticsRegistry.OVERFLOW_FINGERPRINT.equals(q.fingerprint())).count();
    long poolInternal = 0;
    long overflowed = 0;
    long commits = 0;
    long rollbacks = 0;
    long dropped = 0;
    long agentErrors = 0;
    for (Report report : reports) {
      Summary s = report.summary();
      poolInternal += s.poolInternalStatements();
      overflowed += s.overflowedFingerprints();
      commits += s.transactions().commits();
      rollbacks += s.transactions().rollbacks();
      dropped += s.droppedEvents();
      agentErrors += s.agentErrors();
    }
    return new Summary(statements, fingerprints, round(totalMs), errors, rows, poolInternal, overflowed,
        new TransactionCounts(commits, rollbacks), dropped, agentErrors, findings.size());
  }

  static QueryEntry mergeQueries(List<QueryEntry> parts) {
    QueryEntry first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    long calls = 0;
    long errors = 0;
    long rows = 0;
    long scopes = 0;
    double totalMs = 0;
    double sumOfSquares = 0; // sum over all executions of duration^2, from each part's mean and deviation
    double min = Double.MAX_VALUE;
    double max = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    boolean histograms = true;
    Map<String, Long> bySqlState = new TreeMap<>();
    TreeSet<String> tables = new TreeSet<>();
    TreeMap<Double, LatencyBucket> buckets = new TreeMap<>();
    String firstSeen = first.firstSeen();
    String lastSeen = first.lastSeen();
    for (QueryEntry q : parts) {
      calls += q.calls();
      errors += q.errors();
      rows += q.rows();
      scopes += q.scopes();
      totalMs += q.totalMs();
      sumOfSquares += q.calls() * (q.stddevMs() * q.stddevMs() + q.meanMs() * q.meanMs());
      min = Math.min(min, q.minMs());
      max = Math.max(max, q.maxMs());
      p50 = Math.max(p50, q.p50Ms());
      p95 = Math.max(p95, q.p95Ms());
      p99 = Math.max(p99, q.p99Ms());
      q.errorsBySqlState().forEach((state, n) -> bySqlState.merge(state, n, Long::sum));
      tables.addAll(q.tables());
      histograms &= !q.histogram().isEmpty() || q.calls() == 0;
      for (LatencyBucket b : q.histogram()) {
        buckets.merge(b.fromMs(), b, (x, y) -> new LatencyBucket(x.fromMs(), x.toMs(), x.count() + y.count()));
      }
      firstSeen = q.firstSeen().compareTo(firstSeen) < 0 ? q.firstSeen() : firstSeen;
      lastSeen = q.lastSeen().compareTo(lastSeen) > 0 ? q.lastSeen() : lastSeen;
    }
    double mean = calls == 0 ? 0 : totalMs / calls;
    double stddev = calls == 0 ? 0 : Math.sqrt(Math.max(0, sumOfSquares / calls - mean * mean));
    List<LatencyBucket> histogram = new ArrayList<>(buckets.values());
    if (histograms && !histogram.isEmpty()) {
      p50 = LatencyBucket.percentileMs(histogram, 50);
      p95 = LatencyBucket.percentileMs(histogram, 95);
      p99 = LatencyBucket.percentileMs(histogram, 99);
    }
    return new QueryEntry(first.fingerprint(), first.statement(), first.operation(), List.copyOf(tables),
        first.dbSystem(), calls, errors, bySqlState, rows, round(totalMs), round(min == Double.MAX_VALUE ? 0 : min),
        round(max), round(mean), round(stddev), round(p50), round(p95), round(p99), first.lockClause(), firstSeen,
        lastSeen, scopes, histograms ? histogram : List.of(), worstSampleOf(parts));
  }

  /** The slowest worst sample of the parts, or null when none captured values. */
  private static io.querylens.analyzer.stats.WorstSample worstSampleOf(List<QueryEntry> parts) {
    io.querylens.analyzer.stats.WorstSample worst = null;
    for (QueryEntry q : parts) {
      if (q.worstSample() != null && (worst == null || q.worstSample().durationMs() > worst.durationMs())) {
        worst = q.worstSample();
      }
    }
    return worst;
  }

  private static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }
}
