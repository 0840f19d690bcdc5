package io.querylens.exporter.report;

import io.querylens.analyzer.detect.FindingType;
import java.util.List;

/**
 * What a rule says: a title and noun for result messages, descriptions, help in Markdown (the
 * plain-text help is the same without its markup), and tags. The texts follow docs/findings.md.
 */
record SarifRuleText(
    String title,
    String noun,
    String shortDescription,
    String fullDescription,
    String helpMarkdown,
    List<String> tags) {

  private static final List<String> PERFORMANCE = List.of("performance", "database");
  private static final List<String> CONCURRENCY = List.of("reliability", "database", "concurrency");

  String helpText() {
    return helpMarkdown.replace("**", "").replace("`", "");
  }

  static SarifRuleText unknown(String type) {
    String description =
        "A finding of type " + type + ", which this version of QueryLens does not describe.";
    return new SarifRuleText(
        type,
        "execution",
        description,
        description,
        description
            + " The report was written by a later version; see the documentation of that version.",
        List.of("database"));
  }

  // A switch expression without default: a new FindingType does not compile until it has a rule.
  static SarifRuleText of(FindingType type) {
    return switch (type) {
      case N_PLUS_ONE -> new SarifRuleText(
          "N+1 query",
          "execution",
          "A query ran once per row of an earlier result (N+1).",
          "One line of code ran the same query once per row of an earlier result, instead of"
              + " fetching all the rows it needed at once: one round trip per row instead of one in"
              + " all.",
          "One line of code ran the same `SELECT` once per row of an earlier result, instead of"
              + " fetching all the rows it needed at once: one round trip to the database per row"
              + " instead of one in all, so the cost grows with the number of rows.\n\n"
              + "QueryLens reports it when, in one unit of work (a request, a test, a transaction or"
              + " a named scope), the same `SELECT` from the same line runs at least"
              + " `nPlusOneThreshold` times (default 3) with at least two distinct sets of parameters."
              + " Batched fetches (an `IN` list of several bind markers, an array parameter),"
              + " `executeBatch` and paging are not counted.\n\n"
              + "**How to fix it:** load the rows in one query.\n\n"
              + "- Spring Data: `findAllById(ids)`, or a query method with `JOIN FETCH` or"
              + " `@EntityGraph` that returns them with the parent.\n"
              + "- Hibernate or another JPA provider: `JOIN FETCH` or `@EntityGraph` on the parent"
              + " query; or `@BatchSize` on the association, or `hibernate.default_batch_fetch_size`,"
              + " to load it in batches.\n"
              + "- Spring `JdbcTemplate`: join the two queries into one, or run this query once for"
              + " all the parent's keys (`NamedParameterJdbcTemplate` expands a collection bound to"
              + " `IN (:ids)`).\n"
              + "- Plain JDBC: join the two queries into one, or run this query once with an `IN`"
              + " list of the parent's keys.",
          PERFORMANCE);
      case REPEATED_QUERY -> new SarifRuleText(
          "Repeated query",
          "execution",
          "The same query with the same parameters ran more than once in one unit of work.",
          "The same query with the same parameters ran more than once in one unit of work, and"
              + " the unit of work wrote nothing in between: unless another transaction changed the"
              + " rows, the second run returned what the first already had.",
          "The same query with the same parameters ran more than once in one unit of work, and"
              + " the unit of work wrote nothing in between: unless another transaction changed the"
              + " rows, the second run returned what the first already had.\n\n"
              + "QueryLens reports it when, in one unit of work, a `SELECT` that reads from a table"
              + " runs at least twice with the same parameters and no `INSERT`, `UPDATE`, `DELETE`,"
              + " `MERGE` or procedure `CALL` ran between the two. Parameters are compared by a hash;"
              + " their values are never stored. A `SELECT` without a `FROM` and sequence fetches are"
              + " not counted.\n\n"
              + "**How to fix it:** keep the first result and hand it to the code that needs it"
              + " again, or cache it: with Hibernate or Spring Data, the second-level or query cache;"
              + " with Spring, `@Cacheable`.",
          PERFORMANCE);
      case UNBATCHED_WRITES -> new SarifRuleText(
          "Unbatched writes",
          "single-row write",
          "Rows were written one statement at a time instead of in a JDBC batch.",
          "One line of code wrote rows one statement at a time, each a round trip to the"
              + " database, where a JDBC batch would send them together.",
          "One line of code wrote rows one statement at a time, each a round trip to the"
              + " database, where a JDBC batch would send them together.\n\n"
              + "QueryLens reports it when, in one unit of work, the same `INSERT`, `UPDATE`,"
              + " `DELETE` or `MERGE` from the same line is executed on its own, writing a single"
              + " row, at least `unbatchedWriteThreshold` times (default 10). Executions through"
              + " `executeBatch` and multi-row inserts are already batched and not counted.\n\n"
              + "**How to fix it:** send the rows in batches.\n\n"
              + "- Spring Data, Hibernate or another JPA provider: `hibernate.jdbc.batch_size` with"
              + " `hibernate.order_inserts` and `hibernate.order_updates`; and `SEQUENCE` ids,"
              + " because `IDENTITY` ids disable insert batching.\n"
              + "- Spring `JdbcTemplate`: `JdbcTemplate.batchUpdate`, or a multi-row `INSERT`.\n"
              + "- Plain JDBC: `PreparedStatement.addBatch()` for each row, then `executeBatch()`;"
              + " or a multi-row `INSERT`.",
          PERFORMANCE);
      case DEADLOCK -> new SarifRuleText(
          "Deadlock",
          "failed execution",
          "The database broke a deadlock by failing this statement.",
          "The database broke a deadlock by failing this statement; its transaction was rolled"
              + " back.",
          "Two or more transactions each held a lock another one needed, so the database chose"
              + " one of them, failed its statement and rolled its transaction back. QueryLens"
              + " recognises the failure by its SQLSTATE and vendor code (PostgreSQL `40P01`, MySQL"
              + " and MariaDB error 1213, SQL Server error 1205, Oracle ORA-00060, H2 `40001`); on"
              + " PostgreSQL the JSON report names the other sessions of the deadlock.\n\n"
              + "**How to fix it:** have transactions that touch the same rows lock them in one"
              + " consistent order (for instance, sort the keys before updating), keep transactions"
              + " short, and do not call slow services or wait for users while holding locks. Retry"
              + " a transaction that fails with a deadlock.",
          CONCURRENCY);
      case LOCK_TIMEOUT -> new SarifRuleText(
          "Lock timeout",
          "failed execution",
          "The statement gave up waiting for a lock another transaction held.",
          "The statement gave up waiting for a lock another transaction held.",
          "The statement failed because it waited for a row or table lock longer than the"
              + " database's lock timeout (such as `lock_timeout` on PostgreSQL or"
              + " `innodb_lock_wait_timeout` on MySQL and MariaDB). QueryLens recognises the failure"
              + " by its SQLSTATE and vendor code.\n\n"
              + "**How to fix it:** find the transaction that held the lock (a `LOCK_WAIT` finding"
              + " for the same statement, if there is one, names it), often one left idle in"
              + " transaction, and make it shorter: commit sooner and do no slow work inside it."
              + " Where waiting is not needed, use `NOWAIT` or `SKIP LOCKED` and handle the miss.",
          CONCURRENCY);
      case SERIALIZATION_FAILURE -> new SarifRuleText(
          "Serialization failure",
          "failed execution",
          "A concurrent transaction's change made this REPEATABLE READ or SERIALIZABLE"
              + " transaction fail.",
          "Under REPEATABLE READ or SERIALIZABLE, a concurrent transaction's change made this"
              + " one fail; it should be retried.",
          "At these isolation levels the database refuses to let a transaction go on with data"
              + " that another transaction changed meanwhile, and fails it (SQLSTATE `40001`, Oracle"
              + " ORA-08177). That is the isolation level working as designed.\n\n"
              + "**How to fix it:** retry the whole transaction, from its first statement, a few"
              + " times with a short back-off. If it fails often, have the transactions read and"
              + " write fewer rows together, or use a lower isolation level with explicit locking"
              + " (`SELECT ... FOR UPDATE`) where that is correct.",
          CONCURRENCY);
      case SLOW_QUERY -> new SarifRuleText(
          "Slow query",
          "slow execution",
          "An execution took at least the slow-query threshold.",
          "An execution took at least slowQueryThreshold (default 500 ms), or is still running"
              + " past it.",
          "An execution took at least `slowQueryThreshold` (default 500 ms), or is still running"
              + " past it. The result gives the longest such execution (`durationMs`) and the median"
              + " of all executions of the statement (`p50Ms`).\n\n"
              + "**How to fix it:** compare the two. Near each other, the statement is slow every"
              + " time: read its plan (`EXPLAIN ANALYZE`), add the index its filters and joins need,"
              + " and read only the rows and columns needed. Far apart, this run waited on something"
              + " (a lock, I/O, a cold cache; look for a `LOCK_WAIT` finding on the same statement)"
              + " or got a plan unsuited to its parameters.",
          PERFORMANCE);
      case POOL_WAIT -> new SarifRuleText(
          "Connection pool wait",
          "wait",
          "The application waited for a connection from its pool.",
          "The application waited at least poolWaitThreshold (default 100 ms) in a connection"
              + " pool's getConnection(): every connection was in use, or the pool was still opening"
              + " one.",
          "The application waited at least `poolWaitThreshold` (default 100 ms) in a pool's"
              + " `getConnection()` (HikariCP, Commons DBCP 2, Tomcat JDBC, c3p0): every connection"
              + " was in use, or the pool was still opening one. The result names the pool and the"
              + " line that asked for the connection.\n\n"
              + "**How to fix it:** find what holds connections long (slow statements, transactions"
              + " kept open across remote calls, connections not closed; HikariCP's"
              + " `leakDetectionThreshold` finds the last) and return them sooner, before making the"
              + " pool larger: a pool larger than the database can serve only moves the queue.",
          List.of("performance", "database", "connection-pool"));
      case LOCK_WAIT -> new SarifRuleText(
          "Lock wait",
          "wait",
          "A statement waited for a lock another session held.",
          "A statement waited at least lockWaitThreshold (default 200 ms) for a lock another"
              + " session held; the JSON report's blocker names who held it.",
          "A statement waited at least `lockWaitThreshold` (default 200 ms) for a lock another"
              + " session held. QueryLens asks the database who blocks it (PostgreSQL, MariaDB,"
              + " MySQL, H2) and matches the blocking session to one of the application's"
              + " connections; the JSON report's `blocker` gives the thread that last used it, where"
              + " its code was, and the statements of its open transaction. On other databases the"
              + " blocker is inferred from this application's open transactions that wrote to a"
              + " table the statement uses.\n\n"
              + "**How to fix it:** look at the blocker's code. Keep its transaction short, do not"
              + " call slow services or wait for users inside it (idle in transaction), and take"
              + " locks in a consistent order. Where waiting is not needed, use `NOWAIT` or"
              + " `SKIP LOCKED`.",
          List.of("performance", "database", "concurrency"));
    };
  }
}
