package io.querylens.exporter.report;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Finding;
import java.util.Locale;

/** The one or two sentences of a result's message, then the finding's suggestion. */
final class SarifMessage {
  private SarifMessage() {}

  static String of(Finding finding) {
    FindingType type = type(finding.type());
    StringBuilder text = new StringBuilder();
    text.append(type == null ? finding.type() : SarifRuleText.of(type).title()).append(": ");
    String noun = type == null ? "execution" : SarifRuleText.of(type).noun();
    text.append(plural(finding.count(), noun));
    if (Boolean.TRUE.equals(finding.running()) && finding.durationMs() != null) {
      text.append(", running for ").append(ms(finding.durationMs())).append(" so far");
    } else if (finding.durationMs() != null) {
      text.append(", the longest ").append(ms(finding.durationMs()));
      if (finding.p50Ms() != null) {
        text.append(" (median of all its executions ").append(ms(finding.p50Ms())).append(')');
      }
    } else {
      text.append(", ")
          .append(ms(finding.totalMs()))
          .append(type == FindingType.POOL_WAIT ? " waiting" : " in the database");
    }
    if (finding.scope() != null) {
      text.append(", in ");
      if (finding.occurrences() > 1) {
        text.append(finding.occurrences()).append(" runs of ");
      }
      text.append(scopeKind(finding.scopeKind())).append(' ').append(quote(finding.scope()));
    }
    if (finding.thread() != null) {
      text.append(", on thread ").append(quote(finding.thread()));
    }
    Finding.Blocker blocker = finding.blocker();
    if (blocker != null && blocker.thread() != null) {
      text.append(", blocked by thread ").append(quote(blocker.thread()));
      if (blocker.callSite() != null) {
        text.append(" at ").append(blocker.callSite());
      }
    }
    if (finding.pool() != null) {
      text.append(", for a connection from pool ").append(quote(finding.pool()));
    }
    if (finding.statement() != null) {
      text.append(": ").append(quote(finding.statement()));
    }
    text.append(". ").append(finding.suggestion().strip());
    return oneLine(text.toString());
  }

  private static FindingType type(String name) {
    for (FindingType type : FindingType.values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }

  private static String scopeKind(String kind) {
    if (kind == null) {
      return "scope";
    }
    switch (kind) {
      case "request":
      case "transaction":
      case "test":
        return kind;
      case "thread":
        return "thread window";
      default:
        return "scope";
    }
  }

  private static String plural(long count, String noun) {
    return String.format(Locale.ROOT, "%,d ", count) + noun + (count == 1 ? "" : "s");
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%,.1f ms", millis);
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  /** Line breaks to spaces and other control characters out, so the message reads as one line. */
  private static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        }
      } else if (!Character.isISOControl(c)) {
        line.append(c);
      }
    }
    return line.toString().strip();
  }
}
