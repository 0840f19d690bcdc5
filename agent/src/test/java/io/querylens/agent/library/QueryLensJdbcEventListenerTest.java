package io.querylens.agent.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.wrapper.ConnectionWrapper;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.JdbcListener;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * P6Spy's callbacks, from its real wrappers around a real H2 connection, as the hooks receive them:
 * the calls the agent's advice would make, each once, on the objects below P6Spy.
 */
class QueryLensJdbcEventListenerTest {
  private final RecordingListener hooks = new RecordingListener();
  private Connection h2;
  private Connection spied;

  @BeforeEach
  void setUp() throws SQLException {
    JdbcHooks.install(hooks);
    h2 = DriverManager.getConnection("jdbc:h2:mem:listener;DB_CLOSE_DELAY=-1");
    try (Statement ddl = h2.createStatement()) {
      ddl.execute("create table if not exists item (id int primary key)");
      ddl.execute("delete from item");
      ddl.execute("insert into item values (1), (2), (3)");
    }
    spied = ConnectionWrapper.wrap(h2, new QueryLensJdbcEventListener(true), ConnectionInformation.fromTestConnection(h2));
  }

  @AfterEach
  void tearDown() throws SQLException {
    JdbcHooks.install(null);
    h2.close();
  }

  @Test
  void aPreparedStatementIsPreparedOnceAndKeepsTheDriversStatementAsItsIdentity() throws SQLException {
    try (PreparedStatement statement = spied.prepareStatement("select id from item where id > ?")) {
      for (int min = 0; min < 2; min++) {
        statement.setInt(1, min);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            // read every row
          }
        }
      }
    }

    assertThat(hooks.calls).containsExactly(
        "prepare S1 on C1: select id from item where id > ?",
        "parameter S1 #1 = 0",
        "execute S1 sql=null result=null rows=-1",
        "next R1 true", "next R1 true", "next R1 true", "next R1 false",
        "close R1",
        "parameter S1 #1 = 1",
        "execute S1 sql=null result=null rows=-1",
        "next R2 true", "next R2 true", "next R2 false",
        "close R2",
        "close S1");
    assertThat(hooks.object("S1")).as("the statement the hooks see").isInstanceOf(org.h2.jdbc.JdbcPreparedStatement.class);
    assertThat(hooks.object("C1")).as("the connection the hooks see").isSameAs(h2);
    assertThat(hooks.object("R1")).isInstanceOf(org.h2.jdbc.JdbcResultSet.class);
  }

  @Test
  void everyExecutionIsRecordedOnceAndLeavesTheCallDepthAtZero() throws SQLException {
    try (Statement statement = spied.createStatement()) {
      statement.executeQuery("select id from item").close();
      assertThat(JdbcHooks.state().depth).as("call depth after executeQuery").isZero();
      assertThat(statement.executeUpdate("update item set id = id where id < 3")).isEqualTo(2);
      assertThat(statement.execute("update item set id = id")).isFalse();
      assertThat(JdbcHooks.state().depth).as("call depth after execute").isZero();
    }

    assertThat(hooks.calls).containsExactly(
        "create S1 on C1",
        "execute S1 sql=select id from item result=null rows=-1",
        "close R1",
        "execute S1 sql=update item set id = id where id < 3 result=null rows=2",
        // FALSE: the recorder asks the statement for its update count, as after the agent's execute()
        "execute S1 sql=update item set id = id result=false rows=-1",
        "close S1");
  }

  @Test
  void aFailedExecutionIsRecordedWithItsError() throws SQLException {
    try (Statement statement = spied.createStatement()) {
      statement.executeQuery("select missing from item");
    } catch (SQLException expected) {
      // recorded
    }

    assertThat(hooks.calls).containsExactly(
        "create S1 on C1",
        "execute S1 sql=select missing from item result=null rows=-1 error=42S22",
        "close S1");
    assertThat(JdbcHooks.state().depth).isZero();
  }

  @Test
  void batchesAreAddedThenExecutedOnce() throws SQLException {
    try (PreparedStatement insert = spied.prepareStatement("insert into item values (?)")) {
      for (int id = 10; id < 13; id++) {
        insert.setInt(1, id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement statement = spied.createStatement()) {
      statement.addBatch("delete from item where id = 10");
      statement.addBatch("delete from item where id = 11");
      statement.executeBatch();
    }

    assertThat(hooks.calls).containsExactly(
        "prepare S1 on C1: insert into item values (?)",
        "parameter S1 #1 = 10", "add batch S1 sql=null",
        "parameter S1 #1 = 11", "add batch S1 sql=null",
        "parameter S1 #1 = 12", "add batch S1 sql=null",
        "execute S1 sql=null result=[1, 1, 1] rows=-1",
        "close S1",
        "create S2 on C1",
        "add batch S2 sql=delete from item where id = 10",
        "add batch S2 sql=delete from item where id = 11",
        "execute S2 sql=null result=[1, 1] rows=-1",
        "close S2");
  }

  @Test
  void transactionsAreFollowedButARollbackToASavepointEndsNone() throws SQLException {
    spied.setAutoCommit(false);
    try (Statement statement = spied.createStatement()) {
      Savepoint savepoint = spied.setSavepoint();
      statement.executeUpdate("delete from item where id = 1");
      spied.rollback(savepoint);
      spied.commit();
      statement.executeUpdate("delete from item where id = 2");
      spied.rollback();
    }
    spied.setAutoCommit(true);
    spied.close();

    assertThat(hooks.calls).containsExactly(
        "connection C1 AUTO_COMMIT_OFF",
        "create S1 on C1",
        "execute S1 sql=delete from item where id = 1 result=null rows=1",
        "connection C1 COMMIT",
        "execute S1 sql=delete from item where id = 2 result=null rows=1",
        "connection C1 ROLLBACK",
        "close S1",
        "connection C1 AUTO_COMMIT_ON",
        "connection C1 CLOSE");
  }

  @Test
  void aConnectionFromP6SpysDriverIsOpenedWithTheRealUrl() throws SQLException {
    Driver driver = DriverManager.getDriver("jdbc:h2:mem:listener");
    ConnectionInformation info = ConnectionInformation.fromDriver(driver);
    info.setUrl("jdbc:p6spy:h2:mem:listener;DB_CLOSE_DELAY=-1");
    info.setConnection(h2);

    new QueryLensJdbcEventListener(true).onAfterGetConnection(info, null);

    assertThat(hooks.calls).containsExactly("connect C1 with " + driver.getClass().getSimpleName()
        + " to jdbc:h2:mem:listener;DB_CLOSE_DELAY=-1");
    assertThat(hooks.object("C1")).isSameAs(h2);
  }

  @Test
  void aDataSourcesConnectionIsLeftForTheRecorderToLearnOnFirstUse() {
    ConnectionInformation info = ConnectionInformation.fromTestConnection(h2);

    new QueryLensJdbcEventListener(true).onAfterGetConnection(info, null);

    assertThat(hooks.calls).isEmpty();
  }

  @Test
  void whenLibraryModeStandsAsideNothingReachesTheHooks() throws SQLException {
    Connection inert =
        ConnectionWrapper.wrap(h2, new QueryLensJdbcEventListener(false), ConnectionInformation.fromTestConnection(h2));
    try (PreparedStatement statement = inert.prepareStatement("select id from item where id = ?")) {
      statement.setInt(1, 1);
      statement.executeQuery().close();
    }
    inert.commit();

    assertThat(hooks.calls).isEmpty();
  }

  @Test
  void theRealUrlDropsP6SpysPrefixOnly() {
    assertThat(QueryLensJdbcEventListener.realUrl("jdbc:p6spy:postgresql://db/app?user=a"))
        .isEqualTo("jdbc:postgresql://db/app?user=a");
    assertThat(QueryLensJdbcEventListener.realUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(QueryLensJdbcEventListener.realUrl(null)).isNull();
  }

  /** Writes each outermost call as a line, naming JDBC objects C1, S1, R1... in order of appearance. */
  private static final class RecordingListener implements JdbcListener {
    final List<String> calls = new ArrayList<>();
    private final Map<Object, String> names = new IdentityHashMap<>();
    private final Map<String, Object> objects = new java.util.HashMap<>();

    Object object(String name) {
      return objects.get(name);
    }

    private String name(String prefix, Object object) {
      return names.computeIfAbsent(object, o -> {
        long same = names.values().stream().filter(n -> n.startsWith(prefix)).count();
        String name = prefix + (same + 1);
        objects.put(name, o);
        return name;
      });
    }

    @Override
    public void onConnect(Object driver, String url, Object properties, Object connection, Throwable error) {
      calls.add("connect " + name("C", connection) + " with " + driver.getClass().getSimpleName() + " to " + url);
    }

    @Override
    public void onPrepare(Object connection, String sql, Object statement) {
      calls.add("prepare " + name("S", statement) + " on " + name("C", connection) + ": " + sql);
    }

    @Override
    public void onCreateStatement(Object connection, Object statement) {
      calls.add("create " + name("S", statement) + " on " + name("C", connection));
    }

    @Override
    public void onAddBatch(Object statement, String sql) {
      calls.add("add batch " + name("S", statement) + " sql=" + sql);
    }

    @Override
    public void onExecute(CallState state, Object statement, Object result, long rows, Throwable error, long endNanos) {
      assertThat(state.statement).as("the statement the in-flight sweeper sees").isSameAs(statement);
      String shown = result instanceof int[] ? java.util.Arrays.toString((int[]) result) : String.valueOf(result);
      calls.add("execute " + name("S", statement) + " sql=" + state.sql + " result=" + shown + " rows=" + rows
          + (error == null ? "" : " error=" + ((SQLException) error).getSQLState()));
    }

    @Override
    public void onParameter(Object statement, int index, Object value) {
      calls.add("parameter " + name("S", statement) + " #" + index + " = " + value);
    }

    @Override
    public void onNext(CallState state, Object resultSet, boolean more) {
      calls.add("next " + name("R", resultSet) + " " + more);
    }

    @Override
    public void onResultSetClose(CallState state, Object resultSet) {
      calls.add("close " + name("R", resultSet));
    }

    @Override
    public void onStatementClose(Object statement) {
      calls.add("close " + name("S", statement));
    }

    @Override
    public void onPoolCheckout(Object dataSource, long startNanos, long endNanos, boolean connected, Throwable error) {
      calls.add("checkout");
    }

    @Override
    public void onConnectionCall(Object connection, int kind, Throwable error) {
      String[] kinds = {"?", "COMMIT", "ROLLBACK", "AUTO_COMMIT_ON", "AUTO_COMMIT_OFF", "CLOSE"};
      calls.add("connection " + name("C", connection) + " " + kinds[kind]);
    }
  }
}
