package io.querylens.agent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the report's {@code queries}: the statistics of one fingerprint.
 *
 * @param node the JSON object
 */
public record QueryEntry(JsonNode node) {

  /** The normalized, literal-free statement. */
  public String statement() {
    return node.path("statement").asText();
  }

  /** The fingerprint id. */
  public String fingerprint() {
    return node.path("fingerprint").asText();
  }

  /** Executions (a batch counts once). */
  public long calls() {
    return node.path("calls").asLong(-1);
  }

  /** Executions that threw. */
  public long errors() {
    return node.path("errors").asLong(-1);
  }

  /** Rows read or changed. */
  public long rows() {
    return node.path("rows").asLong(-1);
  }

  /** {@code h2}, {@code postgresql}, {@code mariadb}, … */
  public String dbSystem() {
    return node.path("dbSystem").asText();
  }

  /** The statement kind, e.g. {@code SELECT}. */
  public String operation() {
    return node.path("operation").asText();
  }

  /** The tables the statement touches. */
  public List<String> tables() {
    List<String> tables = new ArrayList<>();
    node.path("tables").forEach(t -> tables.add(t.asText()));
    return tables;
  }

  /** Errors per SQLSTATE. */
  public Map<String, Long> errorsBySqlState() {
    Map<String, Long> result = new LinkedHashMap<>();
    JsonNode byState = node.path("errorsBySqlState");
    byState.fieldNames().forEachRemaining(state -> result.put(state, byState.path(state).asLong()));
    return result;
  }

  /** A timing figure in milliseconds ({@code totalMs}, {@code p95Ms}, …), NaN when absent. */
  public double millis(String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
