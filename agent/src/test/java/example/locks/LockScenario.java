package example.locks;

/**
 * One lock error provoked for real: two threads, each with its own connection, meet at latches so that
 * one of them fails with the error every time. The failing statement is the application's: the scenario
 * catches the {@code SQLException}, rolls back as a retrying application would, prints what the driver
 * said ({@link LockFailure}) and carries on.
 *
 * <p>The lines whose failure the agent must report end with {@code // site: <name>}; the test finds them by
 * that comment. Every statement that can fail is written out at its own line, never in a helper, so the
 * call site names the line that ran it.
 */
abstract class LockScenario {

  final LockDb db;
  final String table;

  LockScenario(LockDb db, String tablePrefix) {
    this.db = db;
    this.table = db.table(tablePrefix);
  }

  /** The name the {@code observed} lines carry, e.g. {@code deadlock}. */
  abstract String name();

  /** Creates the scenario's table with rows 1 and 2. */
  void prepare() throws Exception {
    db.createTableWithTwoRows(table);
    LockWorkload.observe(name() + ".table", table);
  }

  /** Provokes the error; throws when the database did not fail exactly the statement it should have. */
  abstract void run() throws Exception;

  /** Drops the table; runs even when {@link #run()} failed. */
  void close() throws Exception {
    db.dropTable(table);
  }

  /** {@code update <table> set v = v + 1, note = '<literal>' where id = <id>}, literals and all. */
  String update(String note, int id) {
    return "update " + table + " set v = v + 1, note = '" + LockWorkload.text(note, id) + "' where id = " + id;
  }
}
