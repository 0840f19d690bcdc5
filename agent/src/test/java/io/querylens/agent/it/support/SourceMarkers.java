package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds lines in a child-JVM workload's source by a {@code // marker: <name>} comment at their end,
 * so tests can assert the exact line a finding points at without hard-coding numbers.
 */
public final class SourceMarkers {
  private SourceMarkers() {}

  /** The line of {@code workload}'s source that ends with {@code // marker: <marker>}; exactly one must. */
  public static int line(Class<?> workload, String marker) {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    Path source = Path.of(basedir, "src", "test", "java", workload.getName().replace('.', '/') + ".java");
    List<String> lines;
    try {
      lines = Files.readAllLines(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the workload's source " + source, e);
    }
    List<Integer> marked = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().endsWith("// marker: " + marker)) {
        marked.add(i + 1);
      }
    }
    assertThat(marked).as("lines of %s ending with '// marker: %s'", source, marker).hasSize(1);
    return marked.get(0);
  }
}
