package io.querylens.agent.it.support;

/**
 * A finding a corpus scenario's source says the agent must report: one token of a {@code // expect:}
 * label.
 *
 * @param type the finding type, e.g. {@code N_PLUS_ONE}
 * @param className the fully qualified top-level class the label is in
 * @param line the labelled line, which the finding's call site must name
 * @param scope the scope name the finding must carry, or {@code null} when the label names none
 * @param fileName the source file's name, e.g. {@code PlainJdbcLookupPerRow.java}
 * @param sourceLine the labelled line's code, trimmed, for messages
 */
public record ExpectedFinding(
    String type, String className, int line, String scope, String fileName, String sourceLine) {

  /** The class's simple name: the scenario, for a label in a scenario's file. */
  public String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Whether {@code finding} is this one: same type, top-level class and line, and scope if named. */
  public boolean matches(FindingEntry finding) {
    return type.equals(finding.type())
        && className.equals(finding.callSiteTopLevelClass())
        && line == finding.callSiteLine()
        && (scope == null || scope.equals(finding.scope()));
  }

  /** One line for listings: type, scope, place and code. */
  public String describe() {
    return type + (scope == null ? "" : " scope=\"" + scope + "\"") + " at " + className + "(" + fileName + ":" + line
        + "): " + sourceLine;
  }
}
