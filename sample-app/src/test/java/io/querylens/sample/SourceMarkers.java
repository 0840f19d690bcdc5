package io.querylens.sample;

import io.querylens.analyzer.report.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a problem endpoint's finding must point: the line marked {@code // marker: <name>} in the
 * application's source, so that the tests follow the code when lines move.
 */
public final class SourceMarkers {

  /** Surefire and failsafe run in the module's directory. */
  private static final Path SOURCES = Path.of("src/main/java");

  private SourceMarkers() {}

  /**
   * The call site of {@code type.method} at the line marked {@code // marker: <marker>}, as the
   * agent reports it.
   *
   * @throws AssertionError if no line of the source carries the marker
   */
  public static Finding.CallSite callSite(Class<?> type, String method, String marker) {
    return callSite(type.getName(), method, marker);
  }

  /**
   * The call site of {@code method} of the top-level class {@code className} at the line marked
   * {@code // marker: <marker>}, as the agent reports it. For tests that see the application only
   * as its packaged jar, where its classes cannot be named.
   *
   * @throws AssertionError if no line of the source carries the marker
   */
  public static Finding.CallSite callSite(String className, String method, String marker) {
    String fileName = className.substring(className.lastIndexOf('.') + 1) + ".java";
    return new Finding.CallSite(className, method, fileName, markedLine(className, marker));
  }

  private static int markedLine(String className, String marker) {
    Path source = SOURCES.resolve(className.replace('.', '/') + ".java");
    List<String> lines;
    try {
      lines = Files.readAllLines(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// marker: " + marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("No line marked '// marker: " + marker + "' in " + source);
  }
}
