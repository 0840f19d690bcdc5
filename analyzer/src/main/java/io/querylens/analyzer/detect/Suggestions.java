package io.querylens.analyzer.detect;

import io.querylens.analyzer.callsite.Framework;

/**
 * The fix a finding suggests, fitted to the framework that issued the statement.
 *
 * @since 0.1
 */
public final class Suggestions {
  private Suggestions() {}

  /** The suggestion for a finding of {@code type} whose statement was issued through {@code framework}. */
  public static String forFinding(FindingType type, Framework framework) {
    switch (type) {
      case N_PLUS_ONE:
        return nPlusOne(framework);
      case REPEATED_QUERY:
        return repeated(framework);
      case UNBATCHED_WRITES:
        return unbatched(framework);
      case DEADLOCK:
        return "Two transactions took the same locks in opposite orders and the database rolled this one back."
            + " Lock rows in one consistent order (sort the keys before updating), keep transactions short,"
            + " and retry a transaction that fails with a deadlock.";
      case LOCK_TIMEOUT:
        return "This statement waited longer than the lock timeout for a row or table another transaction held."
            + " Find that transaction (often one left idle in transaction) and shorten it; where waiting is not"
            + " needed, use NOWAIT or SKIP LOCKED and handle the miss.";
      case LOCK_WAIT:
        return "This statement waited for a lock the blocker's transaction held. Look at the blocker's code:"
            + " keep that transaction short, do not call slow services or wait for users inside it (idle in"
            + " transaction), and take locks in a consistent order.";
      case POOL_WAIT:
        return "Every connection of this pool was in use, so this code waited for one. Find what holds"
            + " connections long (slow statements, transactions kept open across remote calls, connections"
            + " not closed) before making the pool larger; a pool larger than the database can serve only"
            + " moves the queue.";
      case SLOW_QUERY:
        return "Compare its slowest run with the median of all its runs: near the median, the statement is"
            + " slow every time, so look at its plan (EXPLAIN ANALYZE), its indexes and the rows it reads; far"
            + " above it, this run waited on something (a lock, I/O, a cold cache) or got a plan unsuited to its"
            + " parameters.";
      case SERIALIZATION_FAILURE:
        return "A concurrent transaction changed what this REPEATABLE READ or SERIALIZABLE transaction read."
            + " Retry the whole transaction, as that isolation level expects, or read and write fewer rows"
            + " together.";
      default:
        throw new IllegalArgumentException("no suggestion for " + type);
    }
  }

  private static String nPlusOne(Framework framework) {
    switch (framework) {
      case SPRING_DATA:
        return "Load the rows in one call instead of one repository call per element: findAllById(ids), or a"
            + " query method with JOIN FETCH or @EntityGraph that returns them with the parent.";
      case HIBERNATE:
        return "Fetch the association with the parent query: JOIN FETCH in the JPQL, or an @EntityGraph; or let"
            + " Hibernate load it in batches with @BatchSize on the association or"
            + " hibernate.default_batch_fetch_size.";
      case SPRING_JDBC:
        return "Fetch these rows together with the parent query's rows: join the two queries into one, or run"
            + " this query once for all the parent's keys (NamedParameterJdbcTemplate expands a collection bound"
            + " to IN (:ids)).";
      default:
        return "Fetch these rows together with the parent query's rows: join the two queries into one, or run"
            + " this query once with an IN list of the parent's keys.";
    }
  }

  private static String repeated(Framework framework) {
    if (framework == Framework.SPRING_DATA || framework == Framework.HIBERNATE) {
      return "The same query with the same parameters ran again in one unit of work: keep the first result,"
          + " or cache it (Hibernate's second-level or query cache, Spring's @Cacheable).";
    }
    return "The same query with the same parameters ran again in one unit of work: keep the first result, or"
        + " cache it.";
  }

  private static String unbatched(Framework framework) {
    if (framework == Framework.SPRING_DATA || framework == Framework.HIBERNATE) {
      return "Let Hibernate batch these writes: set hibernate.jdbc.batch_size (e.g. 50) with"
          + " hibernate.order_inserts=true and hibernate.order_updates=true; IDENTITY ids disable insert"
          + " batching, so use a SEQUENCE.";
    }
    if (framework == Framework.SPRING_JDBC) {
      return "Send these writes as one batch: JdbcTemplate.batchUpdate, or a multi-row INSERT.";
    }
    return "Send these writes as one batch: PreparedStatement.addBatch() for each row, then executeBatch(); or"
        + " a multi-row INSERT.";
  }
}
