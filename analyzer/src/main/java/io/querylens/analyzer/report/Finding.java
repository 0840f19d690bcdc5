package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One problem found, such as an N+1 pattern, aggregated over the scopes it occurred in: one finding
 * per type, scope name, fingerprint and call site.
 *
 * <p>Reading ignores fields it does not know, so a report written by a later version still reads.
 *
 * @param type one of {@code N_PLUS_ONE}, {@code REPEATED_QUERY}, {@code UNBATCHED_WRITES}, {@code
 *     SLOW_QUERY}, {@code LOCK_WAIT}, {@code DEADLOCK}, {@code LOCK_TIMEOUT}, {@code
 *     SERIALIZATION_FAILURE}, {@code POOL_WAIT}
 * @param severity {@code ERROR}, {@code WARNING} or {@code INFO}
 * @param scope the name of the unit of work it occurred in, such as {@code GET /owners/{ownerId}},
 *     or {@code null} when it belongs to none
 * @param scopeKind {@code request}, {@code transaction}, {@code explicit}, {@code test} or {@code
 *     thread}, or {@code null} with {@code scope}
 * @param statement the normalized statement concerned, or {@code null} if none (pool waits)
 * @param fingerprint that statement's fingerprint, or {@code null} if none
 * @param count executions concerned, summed over all occurrences
 * @param totalMs time those executions spent in the database: within a scope overlapping time counted
 *     once, summed across scopes
 * @param callSite the application's line of code that ran them, or {@code null} when no
 *     application frame was found
 * @param stack the application part of the stack at the call site, innermost first, each frame as
 *     {@code Class.method(File.java:line)}; at most 20 frames
 * @param parent the query whose rows fed the loop (N+1 only), or {@code null}
 * @param suggestion how to fix it, fitted to the framework seen on the stack
 * @param occurrences how many scopes it occurred in
 * @param firstSeen when it was first seen, ISO-8601
 * @param lastSeen when it was last seen, ISO-8601
 * @param durationMs SLOW_QUERY only: the longest of its executions, or for one still running how long
 *     it has run, milliseconds; else {@code null}
 * @param p50Ms SLOW_QUERY only: the median of all executions of the statement, milliseconds; else
 *     {@code null}
 * @param running {@code true} for a slow statement still running when the report was taken; else
 *     {@code null}
 * @param thread the name of the thread running it, for a running statement; else {@code null}
 * @param pool POOL_WAIT only: the connection pool's name; else {@code null}
 * @param blocker LOCK_WAIT only: who held the lock, as far as is known; else {@code null}
 * @param lockedRelation LOCK_WAIT only: the table waited for, where the database says; else {@code null}
 * @param lockMode LOCK_WAIT only: the lock mode waited for, where the database says; else {@code null}
 * @param participants DEADLOCK only, where the database names them (PostgreSQL): the sessions of the
 *     deadlock, this statement's first; else {@code null}
 * @param parameters the bind values of one example execution (the slowest whose values were
 *     captured, or the first captured when the finding has no duration), masked per {@code parameterMask};
 *     {@code null} (left out of the JSON) unless {@code captureParameters=true}
 * @since 0.1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "type", "severity", "scope", "scopeKind", "statement", "fingerprint", "count", "totalMs", "callSite",
  "stack", "parent", "suggestion", "occurrences", "firstSeen", "lastSeen", "durationMs", "p50Ms", "running",
  "thread", "pool", "blocker", "lockedRelation", "lockMode", "participants", "parameters"
})
public record Finding(
    String type,
    String severity,
    @JsonInclude(JsonInclude.Include.NON_NULL) String scope,
    @JsonInclude(JsonInclude.Include.NON_NULL) String scopeKind,
    @JsonInclude(JsonInclude.Include.NON_NULL) String statement,
    @JsonInclude(JsonInclude.Include.NON_NULL) String fingerprint,
    long count,
    double totalMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) CallSite callSite,
    List<String> stack,
    @JsonInclude(JsonInclude.Include.NON_NULL) ParentQuery parent,
    String suggestion,
    long occurrences,
    String firstSeen,
    String lastSeen,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double durationMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double p50Ms,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean running,
    @JsonInclude(JsonInclude.Include.NON_NULL) String thread,
    @JsonInclude(JsonInclude.Include.NON_NULL) String pool,
    @JsonInclude(JsonInclude.Include.NON_NULL) Blocker blocker,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lockedRelation,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lockMode,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Blocker> participants,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> parameters) {

  /** A finding without example bind values, as they are not captured by default. */
  public Finding(String type, String severity, String scope, String scopeKind, String statement, String fingerprint,
      long count, double totalMs, CallSite callSite, List<String> stack, ParentQuery parent, String suggestion,
      long occurrences, String firstSeen, String lastSeen, Double durationMs, Double p50Ms, Boolean running,
      String thread, String pool, Blocker blocker, String lockedRelation, String lockMode, List<Blocker> participants) {
    this(type, severity, scope, scopeKind, statement, fingerprint, count, totalMs, callSite, stack, parent,
        suggestion, occurrences, firstSeen, lastSeen, durationMs, p50Ms, running, thread, pool, blocker,
        lockedRelation, lockMode, participants, null);
  }

  /** A finding without the slow-query fields. */
  public Finding(String type, String severity, String scope, String scopeKind, String statement, String fingerprint,
      long count, double totalMs, CallSite callSite, List<String> stack, ParentQuery parent, String suggestion,
      long occurrences, String firstSeen, String lastSeen) {
    this(type, severity, scope, scopeKind, statement, fingerprint, count, totalMs, callSite, stack, parent,
        suggestion, occurrences, firstSeen, lastSeen, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The same finding seen several times (in several reports, or in several units of work of one test) as one:
   * counts, occurrences and times summed ({@code totalMs} to the microsecond), the longest duration kept; the
   * latest part, by {@code lastSeen}, tells the current story (parent, blocker, participants, median); the bind
   * values are the slowest part's that has any, or the first such part's when no part has a duration.
   *
   * @param parts the parts, at least one, in the order they were read
   * @since 0.1
   */
  public static Finding merged(List<Finding> parts) {
    Finding first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    long count = 0;
    long occurrences = 0;
    double totalMs = 0;
    Double duration = null;
    String firstSeen = first.firstSeen();
    Finding latest = first;
    Finding withValues = null;
    for (Finding f : parts) {
      count += f.count();
      occurrences += f.occurrences();
      totalMs += f.totalMs();
      if (f.durationMs() != null) {
        duration = duration == null ? f.durationMs() : Math.max(duration, f.durationMs());
      }
      firstSeen = f.firstSeen().compareTo(firstSeen) < 0 ? f.firstSeen() : firstSeen;
      latest = f.lastSeen().compareTo(latest.lastSeen()) > 0 ? f : latest;
      if (f.parameters() != null && (withValues == null || f.durationMs() != null
          && (withValues.durationMs() == null || f.durationMs() > withValues.durationMs()))) {
        withValues = f;
      }
    }
    return new Finding(first.type(), first.severity(), first.scope(), first.scopeKind(), first.statement(),
        first.fingerprint(), count, Math.round(totalMs * 1000.0) / 1000.0, first.callSite(), first.stack(),
        latest.parent(), first.suggestion(), occurrences, firstSeen, latest.lastSeen(), duration, latest.p50Ms(),
        latest.running(), latest.thread(), first.pool(), latest.blocker(), latest.lockedRelation(),
        latest.lockMode(), latest.participants(), withValues == null ? null : withValues.parameters());
  }

  /** Checks the required components and copies the stack. */
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(suggestion, "suggestion");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    stack = stack == null ? List.of() : List.copyOf(stack);
    participants = participants == null ? null : List.copyOf(participants);
    parameters = parameters == null ? null : List.copyOf(parameters);
  }

  /**
   * A line of application code.
   *
   * @param className the fully qualified class name
   * @param methodName the method name
   * @param fileName the source file name, or {@code null} when the class has no debug information
   * @param lineNumber the line, or a negative number when unknown
   */
  @JsonPropertyOrder({"className", "methodName", "fileName", "lineNumber"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CallSite(
      String className,
      String methodName,
      @JsonInclude(JsonInclude.Include.NON_NULL) String fileName,
      int lineNumber) {

    /** Checks the required components. */
    public CallSite {
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(methodName, "methodName");
    }

    /** The call site of a captured stack line; null for null. */
    public static CallSite of(io.querylens.analyzer.callsite.CapturedStack.StackLine line) {
      return line == null ? null : new CallSite(line.className(), line.methodName(), line.fileName(), line.lineNumber());
    }

    /** {@code Class.method(File.java:line)}, the form IDEs turn into a link. */
    @Override
    public String toString() {
      String location = fileName == null ? "Unknown Source" : lineNumber >= 0 ? fileName + ":" + lineNumber : fileName;
      return className + "." + methodName + "(" + location + ")";
    }
  }

  /**
   * The session that held the lock a statement waited for.
   *
   * @param thread the name of the thread that last used the blocking connection, or {@code null} when
   *     the blocker is not in this JVM
   * @param callSite where the blocking thread's application code was when the wait was seen (for an
   *     idle transaction, the code holding it open), or {@code null}
   * @param stack that thread's application frames, innermost first
   * @param statements the normalized statements the blocking connection ran in its open transaction,
   *     oldest first (at most the last 8)
   * @param idleInTransaction whether the blocker ran no statement at that moment, with its transaction open
   * @param sessionId the blocker's server session: PostgreSQL backend pid, MariaDB/MySQL connection
   *     id, H2 session id
   * @param query for a blocker outside this JVM, its current or last statement as the database
   *     reports it, normalized; else {@code null}
   * @param inferred {@code true} when the database could not be asked and the blocker is inferred: a
   *     connection of this JVM with an open transaction that wrote to a table the waiting statement
   *     uses; else {@code null}
   */
  @JsonPropertyOrder({"thread", "callSite", "stack", "statements", "idleInTransaction", "sessionId", "query", "inferred"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Blocker(
      @JsonInclude(JsonInclude.Include.NON_NULL) String thread,
      @JsonInclude(JsonInclude.Include.NON_NULL) CallSite callSite,
      List<String> stack,
      List<String> statements,
      boolean idleInTransaction,
      @JsonInclude(JsonInclude.Include.NON_NULL) String sessionId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String query,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean inferred) {

    /** A blocker the database named. */
    public Blocker(String thread, CallSite callSite, List<String> stack, List<String> statements,
        boolean idleInTransaction, String sessionId, String query) {
      this(thread, callSite, stack, statements, idleInTransaction, sessionId, query, null);
    }

    /** Copies the lists. */
    public Blocker {
      stack = stack == null ? List.of() : List.copyOf(stack);
      statements = statements == null ? List.of() : List.copyOf(statements);
    }
  }

  /**
   * The query that produced the rows an N+1 loop iterates over.
   *
   * @param statement its normalized statement
   * @param fingerprint its fingerprint
   * @param rows rows the application read from it
   */
  @JsonPropertyOrder({"statement", "fingerprint", "rows"})
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ParentQuery(String statement, String fingerprint, long rows) {

    /** Checks the required components. */
    public ParentQuery {
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }
}
