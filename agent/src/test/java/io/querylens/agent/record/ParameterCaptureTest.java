package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.config.ParameterMask;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.stats.StatementSnapshot;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code captureParameters}: the recorder keeps masked bind values only when asked, hands them to the
 * execution, and the statement's statistics keep those of its slowest execution. Driven through the
 * bridge as the advice drives it, with real H2 statements (as {@link RecorderTest}).
 */
class ParameterCaptureTest {
  private static final String SQL = "select id from item where name = ? and id > ?";

  private final StatisticsRegistry statistics = new StatisticsRegistry(100);
  private final StatementEnricher enricher = new StatementEnricher(100_000, Duration.ofSeconds(2));
  private final List<List<String>> seen = new ArrayList<>();
  private final StatementEventListener spy = new StatementEventListener() {
    @Override
    public void onStatement(StatementEvent event) {
      seen.add(event.parameters());
    }

    @Override
    public void onRowsRead(StatementEvent event, long rows) {}
  };
  private final Recorder recorder =
      new Recorder(new FingerprintCache(100, statistics, enricher), true, new StatisticsListener(), spy);
  private Connection connection;

  @BeforeEach
  void setUp() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:capture;DB_CLOSE_DELAY=-1");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("create table if not exists item (id int primary key, name varchar(40))");
    }
  }

  @AfterEach
  void tearDown() throws SQLException {
    enricher.close();
    connection.close();
  }

  @Test
  void offByDefaultNoValueReachesTheEventOrTheStatistics() throws SQLException {
    PreparedStatement statement = prepare();
    bind(statement, 1, "secret-canary");
    bind(statement, 2, 42);

    execute(statement, 5_000_000);

    assertThat(seen).containsExactly((List<String>) null);
    assertThat(only().worstSample()).isNull();
  }

  @Test
  void onTheEventCarriesTheMaskedValuesAndNeverTheValues() throws SQLException {
    recorder.captureParametersWith(ParameterMask.PARTIAL);
    PreparedStatement statement = prepare();
    bind(statement, 1, "secret-canary");
    bind(statement, 2, 42);

    execute(statement, 5_000_000);

    assertThat(seen).containsExactly(List.of("'se…' (string, 13 chars)", "(int, 2 digits)"));
    assertThat(only().worstSample().parameters()).containsExactly("'se…' (string, 13 chars)", "(int, 2 digits)");
  }

  @Test
  void theWorstSampleIsTheSlowestExecutionsValues() throws SQLException {
    recorder.captureParametersWith(ParameterMask.NONE);
    PreparedStatement statement = prepare();
    bind(statement, 1, "fast");
    bind(statement, 2, 1);
    execute(statement, 1_000_000);
    bind(statement, 1, "slow");
    execute(statement, 9_000_000);
    bind(statement, 1, "middle");
    execute(statement, 5_000_000);

    StatementSnapshot query = only();
    assertThat(query.worstSample().parameters()).containsExactly("'slow'", "1");
    assertThat(query.worstSample().durationMs()).isEqualTo(9.0);
    // What an execution was handed never changes when the statement is bound again (copy on write).
    assertThat(seen.get(0)).containsExactly("'fast'", "1");
    assertThat(seen.get(1)).containsExactly("'slow'", "1");
  }

  @Test
  void aSlotNeverBoundReadsUnsetAndPlainStatementsShowNoValues() throws SQLException {
    recorder.captureParametersWith(ParameterMask.TYPE);
    PreparedStatement statement = prepare();
    bind(statement, 2, 7);
    execute(statement, 1_000_000);
    Statement plain = connection.createStatement();
    recorder.onCreateStatement(connection, plain);
    CallState call = JdbcHooks.enterExecute(plain, "select id from item where name = 'literal-canary'");
    call.depth--;
    recorder.onExecute(call, plain, null, -1, null, call.startNanos + 1_000_000);
    call.sql = null;

    assertThat(seen).containsExactly(List.of("(unset)", "(int, 1 digit)"), null);
  }

  @Test
  void aStatementBindingVeryManyValuesShowsTheFirstOnesAndACount() throws SQLException {
    recorder.captureParametersWith(ParameterMask.TYPE);
    PreparedStatement statement = prepare();
    for (int i = 1; i <= 40; i++) {
      recorder.onParameter(statement, i, i);
    }
    execute(statement, 1_000_000);

    assertThat(seen.get(0)).hasSize(CapturedParameters.MAX_SHOWN + 1).endsWith("… 8 more");
  }

  private PreparedStatement prepare() throws SQLException {
    PreparedStatement statement = connection.prepareStatement(SQL);
    recorder.onPrepare(connection, SQL, statement);
    return statement;
  }

  private void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    statement.setObject(index, value);
    recorder.onParameter(statement, index, value);
  }

  /** Records one execution that took {@code nanos}, as the exit advice would hand it over. */
  private void execute(PreparedStatement statement, long nanos) {
    CallState call = JdbcHooks.enterExecute(statement, null);
    call.depth--;
    recorder.onExecute(call, statement, Boolean.TRUE, -1, null, call.startNanos + nanos);
    call.sql = null;
  }

  private StatementSnapshot only() {
    return statistics.snapshot().stream()
        .filter(s -> s.statement().equals(SQL))
        .findFirst()
        .orElseThrow(() -> new AssertionError(SQL + " not among " + statistics.snapshot()));
  }
}
