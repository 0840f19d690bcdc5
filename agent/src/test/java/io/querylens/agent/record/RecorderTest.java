package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.stats.StatementSnapshot;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recorder driven through the bridge exactly as the advice drives it, with real H2 objects as
 * the statements and result sets (no instrumentation in this JVM).
 */
class RecorderTest {
  private final StatisticsRegistry statistics = new StatisticsRegistry(100);
  private final StatementEnricher enricher = new StatementEnricher(100_000, Duration.ofSeconds(2));
  private final Recorder recorder =
      new Recorder(new FingerprintCache(100, statistics, enricher), true, new StatisticsListener());
  private Connection connection;

  @BeforeEach
  void setUp() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:recorder;DB_CLOSE_DELAY=-1");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("create table if not exists item (id int primary key)");
      ddl.execute("delete from item");
      ddl.execute("insert into item values (1), (2), (3)");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    enricher.close();
    connection.close();
  }

  @Test
  void aPreparedQueryIsOneCallWithTheRowsTheApplicationRead() throws SQLException {
    PreparedStatement statement = connection.prepareStatement("select id from item where id > ?");
    recorder.onPrepare(connection, "select id from item where id > ?", statement);
    statement.setInt(1, 0);
    ResultSet rows = statement.executeQuery();

    execute(statement, null, rows, -1, null);
    while (rows.next()) {
      next(rows, true);
    }
    next(rows, false);

    StatementSnapshot query = only("select id from item where id > ?");
    assertThat(query.calls()).isEqualTo(1);
    assertThat(query.rows()).isEqualTo(3);
    assertThat(query.dbSystem()).isEqualTo("h2");
  }

  @Test
  void aBatchIsOneCallWithTheSumOfItsUpdateCounts() throws SQLException {
    PreparedStatement insert = connection.prepareStatement("insert into item values (?)");
    recorder.onPrepare(connection, "insert into item values (?)", insert);
    for (int id = 10; id < 15; id++) {
      recorder.onAddBatch(insert, null);
    }

    execute(insert, null, new int[] {1, 1, 1, 1, 1}, -1, null);

    StatementSnapshot query = only("insert into item values (?+)");
    assertThat(query.calls()).isEqualTo(1);
    assertThat(query.rows()).isEqualTo(5);
  }

  @Test
  void aFailedPlainBatchIsFiledUnderItsFirstStatementWithItsSqlState() throws SQLException {
    Statement plain = connection.createStatement();
    recorder.onCreateStatement(connection, plain);
    recorder.onAddBatch(plain, "insert into item values (1)");
    recorder.onAddBatch(plain, "insert into item values (2)");

    execute(plain, null, null, -1, new BatchUpdateException("duplicate", "23505", 23505, new int[0], null));

    StatementSnapshot query = only("insert into item values (?+)");
    assertThat(query.calls()).isEqualTo(1);
    assertThat(query.errors()).isEqualTo(1);
    assertThat(query.errorsBySqlState()).containsEntry("23505", 1L);

    execute(plain, "select 1", null, -1, null);
    assertThat(statistics.snapshot()).extracting(StatementSnapshot::statement).doesNotContain("unknown");
  }

  @Test
  void statementsAPoolRunsForItselfStayOutOfTheApplicationsFigures() throws SQLException {
    Statement probe = connection.createStatement();
    recorder.onCreateStatement(connection, probe);
    CallState call = JdbcHooks.enterPoolInternal();
    try {
      execute(probe, "select 1", Boolean.TRUE, -1, null);
    } finally {
      JdbcHooks.exitPoolInternal(call);
    }

    assertThat(statistics.snapshot()).isEmpty();
    assertThat(recorder.poolInternalStatements()).isEqualTo(1);
  }

  @Test
  void aStatementSeenOnlyAfterAttachIsCountedAsUnknown() throws SQLException {
    PreparedStatement before = connection.prepareStatement("select id from item");

    execute(before, null, Boolean.TRUE, -1, null);

    assertThat(only("unknown").calls()).isEqualTo(1);
  }

  @Test
  void closingAStatementForgetsItsSql() throws SQLException {
    PreparedStatement statement = connection.prepareStatement("select id from item");
    recorder.onPrepare(connection, "select id from item", statement);
    assertThat(recorder.trackedStatements()).isEqualTo(1);

    recorder.onStatementClose(statement);

    assertThat(recorder.trackedStatements()).isZero();
  }

  private void execute(Object statement, String sql, Object result, long rows, Throwable error) {
    CallState call = JdbcHooks.enterExecute(statement, sql);
    call.depth--; // leave the call as the exit advice would, then hand over as the bridge does
    recorder.onExecute(call, statement, result, rows, error, System.nanoTime());
    call.sql = null;
  }

  private void next(ResultSet rows, boolean more) {
    recorder.onNext(JdbcHooks.state(), rows, more);
  }

  private StatementSnapshot only(String statement) {
    return statistics.snapshot().stream()
        .filter(s -> s.statement().equals(statement))
        .findFirst()
        .orElseThrow(() -> new AssertionError(statement + " not among " + statistics.snapshot()));
  }
}
