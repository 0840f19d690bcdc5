package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How many JDBC transactions the application ended, and how.
 *
 * @param commits explicit {@code Connection.commit()} calls
 * @param rollbacks explicit {@code Connection.rollback()} calls
 * @since 0.1
 */
@JsonPropertyOrder({"commits", "rollbacks"})
public record TransactionCounts(long commits, long rollbacks) {}
