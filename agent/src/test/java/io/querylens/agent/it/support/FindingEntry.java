package io.querylens.agent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the report's {@code findings}: a problem found, such as an N+1, at one call site in
 * one scope.
 *
 * @param node the JSON object
 */
public record FindingEntry(JsonNode node) {

  /** {@code N_PLUS_ONE}, {@code REPEATED_QUERY}, {@code UNBATCHED_WRITES}, … */
  public String type() {
    return node.path("type").asText();
  }

  /** The scope's name, or {@code null} when the finding belongs to none. */
  public String scope() {
    JsonNode scope = node.path("scope");
    return scope.isTextual() ? scope.asText() : null;
  }

  /** {@code request}, {@code transaction}, {@code explicit}, {@code test}, {@code thread}, or {@code null}. */
  public String scopeKind() {
    JsonNode kind = node.path("scopeKind");
    return kind.isTextual() ? kind.asText() : null;
  }

  /** The normalized statement, or {@code ""} when absent. */
  public String statement() {
    return node.path("statement").asText();
  }

  /** Executions concerned. */
  public long count() {
    return node.path("count").asLong(-1);
  }

  /** Whether the report names a call site. */
  public boolean hasCallSite() {
    return node.path("callSite").isObject();
  }

  /** The call site's fully qualified class name, or {@code ""} when absent. */
  public String callSiteClass() {
    return node.path("callSite").path("className").asText();
  }

  /** The call site's class with any nested-class suffix ({@code $Inner}, {@code $1}) cut off. */
  public String callSiteTopLevelClass() {
    String className = callSiteClass();
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  /** The call site's line, or -1 when absent or unknown. */
  public int callSiteLine() {
    return node.path("callSite").path("lineNumber").asInt(-1);
  }

  /** {@code Class.method(File.java:line)}, or {@code (no call site)}. */
  public String callSiteText() {
    if (!hasCallSite()) {
      return "(no call site)";
    }
    JsonNode site = node.path("callSite");
    String file = site.path("fileName").isTextual() ? site.path("fileName").asText() : "Unknown Source";
    return site.path("className").asText() + "." + site.path("methodName").asText() + "(" + file + ":"
        + site.path("lineNumber").asInt(-1) + ")";
  }

  /** Whether the finding names its parent query (N+1 findings must). */
  public boolean hasParent() {
    return node.path("parent").isObject() && node.path("parent").path("statement").isTextual();
  }

  /** The parent query's statement, or {@code ""} when absent. */
  public String parentStatement() {
    return node.path("parent").path("statement").asText();
  }

  /** Rows the application read from the parent query, or -1 when absent. */
  public long parentRows() {
    return node.path("parent").path("rows").asLong(-1);
  }

  /** {@code ERROR}, {@code WARNING} or {@code INFO}, or {@code ""} when absent. */
  public String severity() {
    return node.path("severity").asText();
  }

  /** The stack at the call site, innermost first, as {@code Class.method(File.java:line)}. */
  public List<String> stack() {
    List<String> frames = new ArrayList<>();
    node.path("stack").forEach(frame -> frames.add(frame.asText()));
    return frames;
  }

  /** A figure in milliseconds ({@code durationMs}, {@code p50Ms}, …), NaN when absent. */
  public double millis(String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.asDouble() : Double.NaN;
  }

  /** Whether the statement was still running when the report was written (SLOW_QUERY); false when absent. */
  public boolean running() {
    return node.path("running").asBoolean(false);
  }

  /** The name of the thread running the statement (a running SLOW_QUERY), or {@code null} when absent. */
  public String thread() {
    JsonNode thread = node.path("thread");
    return thread.isTextual() ? thread.asText() : null;
  }

  /** One line for listings: type, scope, call site, count and statement. */
  public String describe() {
    return type() + (scope() == null ? "" : " scope=\"" + scope() + "\"") + " at " + callSiteText() + " × " + count()
        + ": " + statement();
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
