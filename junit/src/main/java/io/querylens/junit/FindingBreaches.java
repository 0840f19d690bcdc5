package io.querylens.junit;

import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells a finding as a breach: what it is and at which line ({@code Class.method(File.java:42)},
 * the form IDEs link), then the statement, the parent query, the lock's holder and the fix.
 */
final class FindingBreaches {
  /** Where a finding without a call site happened. */
  static final String UNKNOWN_LINE = "an unknown line (no application frame on the stack)";

  private FindingBreaches() {}

  /** The breach of the expectation {@code source} that {@code finding} is. */
  static Breach of(Finding finding, String source) {
    String headline = title(finding.type()) + " at " + where(finding.callSite()) + " (" + source + ")";
    return new Breach(headline, details(finding));
  }

  /** The headline of a finding of {@code type}: {@code N+1 query}, {@code Lock wait}... */
  static String title(String type) {
    switch (type) {
      case "N_PLUS_ONE":
        return "N+1 query";
      case "REPEATED_QUERY":
        return "Repeated query";
      case "UNBATCHED_WRITES":
        return "Unbatched writes";
      case "SLOW_QUERY":
        return "Slow query";
      case "LOCK_WAIT":
        return "Lock wait";
      case "LOCK_TIMEOUT":
        return "Lock timeout";
      case "DEADLOCK":
        return "Deadlock";
      case "SERIALIZATION_FAILURE":
        return "Serialization failure";
      case "POOL_WAIT":
        return "Pool wait";
      default:
        // a type from a later agent: still say something readable
        return type.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
  }

  /** The call site as IDEs link it, or {@link #UNKNOWN_LINE}. */
  static String where(Finding.CallSite callSite) {
    return callSite == null ? UNKNOWN_LINE : callSite.toString();
  }

  /** {@code 5 executions of: select ...}. */
  static String executions(long count, String statement) {
    return count + (count == 1 ? " execution of: " : " executions of: ") + statement;
  }

  private static List<String> details(Finding finding) {
    List<String> lines = new ArrayList<>();
    if (finding.statement() != null) {
      lines.add(executions(finding.count(), finding.statement()));
    }
    Finding.ParentQuery parent = finding.parent();
    if (parent != null) {
      String rows = parent.rows() == 1 ? " row)" : " rows)";
      lines.add("parent query: " + parent.statement() + " (" + parent.rows() + rows);
    }
    if (finding.type().equals("LOCK_WAIT") && finding.durationMs() != null) {
      lines.add(String.format(Locale.ROOT, "waited %.0f ms in all, the longest %.0f ms", finding.totalMs(),
          finding.durationMs()));
    }
    Finding.Blocker blocker = finding.blocker();
    if (blocker != null) {
      lines.add("blocked by: " + describe(blocker));
    }
    lines.add("fix: " + finding.suggestion());
    return lines;
  }

  private static String describe(Finding.Blocker blocker) {
    StringBuilder sb = new StringBuilder();
    if (blocker.thread() != null) {
      sb.append("thread \"").append(blocker.thread()).append('"');
      if (blocker.callSite() != null) {
        sb.append(" at ").append(blocker.callSite());
      }
    } else if (blocker.sessionId() != null) {
      sb.append("session ").append(blocker.sessionId()).append(" outside this JVM");
    } else {
      sb.append("another session");
    }
    if (blocker.query() != null) {
      sb.append(", running: ").append(blocker.query());
    } else if (!blocker.statements().isEmpty()) {
      sb.append(", after: ").append(blocker.statements().get(blocker.statements().size() - 1));
    }
    return sb.toString();
  }
}
