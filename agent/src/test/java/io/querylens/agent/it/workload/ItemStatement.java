package io.querylens.agent.it.workload;

/**
 * Every statement shape the plain-JDBC item workload runs, with how many times it runs and the rows it
 * reads or changes. The workload and the tests both read this table, so the expectations cannot drift
 * from what was executed.
 *
 * <p>{@code %1$s} is the item table and {@code %2$s} the table that does not exist; each run gets its own
 * names (see {@link #itemTable(String)}), so runs in parallel or repeated never collide.
 */
public enum ItemStatement {
  /** DDL, through a {@code Statement}. */
  CREATE_TABLE("create table %1$s (id int primary key, name varchar(100), qty int)", "create table %1$s", 1, -1),
  /** A prepared insert executed once per row. */
  INSERT_ONE_BY_ONE("insert into %1$s (id, name, qty) values (?, ?, ?)", "insert into %1$s (id, name, qty)", 20, 20),
  /**
   * A prepared insert with {@link #BATCH_SIZE} {@code addBatch} and one {@code executeBatch}: one call. Its
   * rows are whatever the driver reported (MariaDB may answer {@code SUCCESS_NO_INFO}), checked against
   * what the workload observed rather than a constant.
   */
  INSERT_BATCH("insert into %1$s (qty, id, name) values (?, ?, ?)", "insert into %1$s (qty, id, name)", 1, -1),
  /** A prepared primary-key lookup, executed with a different id each time and read to the end. */
  SELECT_BY_ID("select name, qty from %1$s where id = ?", "select name, qty from %1$s where id", 50, 50),
  /**
   * A prepared lookup run by {@link #THREADS} threads at once, each on its own connection, {@link #PER_THREAD}
   * times each.
   */
  SELECT_QTY_CONCURRENTLY("select qty from %1$s where id = ?", "select qty from %1$s where id", 100, 100),
  /** Prepared {@code IN} lists of 2, 3 and 5 markers: three SQL strings, one fingerprint. */
  SELECT_IN_LIST("select id from %1$s where id in (%3$s)", "select id from %1$s where id in", 3, 2 + 3 + 5),
  /** A plain {@code Statement} with literals, 7 different values: one fingerprint. */
  SELECT_BY_QTY_LITERAL(
      "select id, name from %1$s where qty = %3$s and name like 'item-%%'", "select id, name from %1$s where qty", 7, 20),
  /** A prepared update of 5 rows, through {@code execute()} and {@code getUpdateCount()}. */
  UPDATE_QTY("update %1$s set qty = qty + ? where id <= ?", "update %1$s set qty", 1, 5),
  /** A select from a table that does not exist: one call, one error (caught by the workload). */
  SELECT_MISSING_TABLE("select id from %2$s where id = 1", "select id from %2$s", 1, -1),
  /** An update in a transaction that is committed. */
  UPDATE_NAME_COMMITTED("update %1$s set name = ? where id = ?", "update %1$s set name", 1, 1),
  /** A delete in a transaction that is rolled back (the 10 batch rows). */
  DELETE_ROLLED_BACK("delete from %1$s where id > ?", "delete from %1$s", 1, 10),
  /** A full scan after the rollback, through {@code Statement.execute} and {@code getResultSet()}: all 30 rows. */
  SELECT_ALL("select id, name, qty from %1$s order by id", "select id, name, qty from %1$s order by", 1, 30),
  /** DDL, through a {@code Statement}. */
  DROP_TABLE("drop table %1$s", "drop table %1$s", 1, -1);

  /** Rows inserted one by one. */
  public static final int SINGLE_ROWS = 20;
  /** Rows in the batch. */
  public static final int BATCH_SIZE = 10;
  /** Distinct literal values of {@link #SELECT_BY_QTY_LITERAL}. */
  public static final int LITERAL_VALUES = 7;
  /** Threads running {@link #SELECT_QTY_CONCURRENTLY} at once. */
  public static final int THREADS = 4;
  /** Executions of {@link #SELECT_QTY_CONCURRENTLY} per thread. */
  public static final int PER_THREAD = 25;
  /** Sizes of the {@code IN} lists of {@link #SELECT_IN_LIST}. */
  public static final int[] IN_LIST_SIZES = {2, 3, 5};

  private final String sql;
  private final String needle;
  private final int calls;
  private final int rows;

  ItemStatement(String sql, String needle, int calls, int rows) {
    this.sql = sql;
    this.needle = needle;
    this.calls = calls;
    this.rows = rows;
  }

  /** The item table of a run. */
  public static String itemTable(String token) {
    return "ql_item_" + token;
  }

  /** The table of a run that never exists. */
  public static String missingTable(String token) {
    return "ql_missing_" + token;
  }

  /** The SQL text to execute; {@code variable} fills the literal or the marker list where the shape has one. */
  public String sql(String token, String variable) {
    return String.format(sql, itemTable(token), missingTable(token), variable);
  }

  /** The SQL text to execute, for shapes without a variable part. */
  public String sql(String token) {
    return sql(token, "");
  }

  /** A literal-free piece of the normalized statement that identifies this shape, and only it, in a report. */
  public String needle(String token) {
    return String.format(needle, itemTable(token), missingTable(token));
  }

  /** How many times the workload executes this shape. */
  public int calls() {
    return calls;
  }

  /** Returns whether the rows this shape reads or changes are known in advance. */
  public boolean hasFixedRows() {
    return rows >= 0;
  }

  /** Rows read or changed; only meaningful when {@link #hasFixedRows()}. */
  public int rows() {
    return rows;
  }

  /** Returns whether the shape is a query whose rows are read through {@code ResultSet.next}. */
  public boolean isSelect() {
    return name().startsWith("SELECT");
  }
}
