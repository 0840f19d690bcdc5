package io.querylens.agent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh directory per child JVM under {@code target/it-runs/<test class>/<run>}: the child's working
 * directory, its captured stdout/stderr and its report. Kept after the run for post-mortems.
 */
public final class RunDirectory {

  private RunDirectory() {}

  /** Creates (emptying first) {@code target/it-runs/<owner simple name>/<run name>}. */
  public static Path create(Class<?> owner, String runName) {
    String base = System.getProperty("basedir", System.getProperty("user.dir"));
    Path dir =
        Paths.get(base, "target", "it-runs", owner.getSimpleName(), runName.replaceAll("[^A-Za-z0-9._-]", "_"))
            .toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(RunDirectory::deleteQuietly);
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
