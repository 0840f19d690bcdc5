package io.querylens.bench;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.fingerprint.StatementInfo;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a new statement costs QueryLens before it becomes a cache hit: the lexer's fingerprint (on the
 * application's thread, once per distinct SQL string) and JSqlParser's enrichment (on a background
 * thread, once per new fingerprint), on SQL as Hibernate 6 writes it. {@link InListFingerprintBenchmark}
 * does the same for a 1 MB statement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FingerprintBenchmark {
  private static final Map<String, String> STATEMENTS = Map.of(
      // Hibernate 6: an entity with its to-one association fetched, paged.
      "hibernateSelectJoin",
      "select o1_0.id,o1_0.created_at,o1_0.customer_id,c1_0.id,c1_0.email,c1_0.name,c1_0.tier,o1_0.status,"
          + "o1_0.total,o1_0.version from orders o1_0 join customer c1_0 on c1_0.id=o1_0.customer_id "
          + "where o1_0.status=? and o1_0.created_at>=? order by o1_0.created_at desc offset ? rows fetch first ? rows only",
      "hibernateInsert",
      "insert into order_line (order_id,product_id,quantity,unit_price,version,id) values (?,?,?,?,?,?)",
      "hibernateUpdate",
      "update product set description=?,name=?,price=?,stock=?,version=? where id=? and version=?",
      // @BatchSize(size = 50): a batch fetch, whose placeholder list collapses to one token.
      "hibernateBatchFetch",
      "select p1_0.id,p1_0.description,p1_0.name,p1_0.price,p1_0.stock,p1_0.version from product p1_0 where p1_0.id in ("
          + "?,".repeat(49) + "?)",
      // Hand-written JDBC with literals, a comment and a sqlcommenter tag.
      "jdbcWithLiterals",
      "/* report */ SELECT c.name, SUM(o.total) FROM orders o JOIN customer c ON c.id = o.customer_id "
          + "WHERE o.status IN ('NEW', 'PAID') AND o.created_at >= '2026-01-01' AND c.tier = 3 "
          + "GROUP BY c.name HAVING SUM(o.total) > 1000.50 /*application='shop',route='/report'*/");

  /** Which statement {@link #normalize} and {@link #enrichNewFingerprint} work on. */
  @Param({"hibernateSelectJoin", "hibernateInsert", "hibernateUpdate", "hibernateBatchFetch", "jdbcWithLiterals"})
  public String statement;

  private String sql;
  private NormalizedSql lexed;
  private StatementEnricher enricher;

  /** Picks the statement and starts the enricher's threads. */
  @Setup(Level.Trial)
  public void setUp() {
    sql = STATEMENTS.get(statement);
    lexed = Fingerprinter.normalize(sql);
    enricher = new StatementEnricher();
  }

  /** Stops the enricher's threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    enricher.close();
  }

  /** The lexer on one statement: what a fingerprint cache miss costs the application's thread. */
  @Benchmark
  public NormalizedSql normalize() {
    return Fingerprinter.normalize(sql);
  }

  /** JSqlParser's enrichment of one new fingerprint (synchronous here; the agent runs it in the background). */
  @Benchmark
  public StatementInfo enrichNewFingerprint() {
    return enricher.enrich(sql, lexed);
  }
}
