package io.querylens.bench.peers;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * The cheapest useful datasource-proxy listener: counts executed statements and their time, which
 * is the work each execution costs in the comparison (docs/benchmarks.md describes the peer so);
 * nothing reads the counts. Fairer to datasource-proxy than its built-in {@code countQuery()},
 * which also looks up a per-data-source holder on every call. Thread-safe.
 */
public final class CountingQueryListener implements QueryExecutionListener {
  private final LongAdder statements = new LongAdder();
  private final LongAdder elapsedMillis = new LongAdder();

  @Override
  public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

  @Override
  public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    statements.add(queries.size());
    elapsedMillis.add(execution.getElapsedTime());
  }
}
