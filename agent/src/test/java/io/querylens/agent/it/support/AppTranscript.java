package io.querylens.agent.it.support;

import java.util.ArrayList;
import java.util.List;

/**
 * What an application printed about its own work ({@code app ...} and {@code caught ...} lines, see {@code
 * example.faults.Transcript}), from a child's stdout: the part of a run that must not change when the agent is
 * added, whatever fails inside the agent.
 */
public final class AppTranscript {

  private AppTranscript() {}

  /**
   * The {@code app} and {@code caught} lines of {@code child}, in order, with what differs between any two runs of
   * the same program taken out: MariaDB's connection id ({@code (conn=42)}), which the server numbers anew for
   * every connection.
   */
  public static List<String> of(ChildResult child) {
    List<String> lines = new ArrayList<>();
    for (String line : child.stdoutLines()) {
      if (line.startsWith("app ") || line.startsWith("caught ")) {
        lines.add(line.replaceAll("\\(conn=\\d+\\)", "(conn=N)"));
      }
    }
    return lines;
  }

  /** The {@code caught} lines only. */
  public static List<String> caught(ChildResult child) {
    return of(child).stream().filter(line -> line.startsWith("caught ")).toList();
  }
}
