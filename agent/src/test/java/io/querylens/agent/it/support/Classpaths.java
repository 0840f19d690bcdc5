package io.querylens.agent.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Class paths for child JVMs, derived from this test JVM's class path. */
public final class Classpaths {

  private static final List<String> REACTOR_CLASS_DIRS =
      List.of("agent/target/classes", "analyzer/target/classes", "exporter/target/classes");

  // The application-side API is the application's own dependency, not part of the agent jar: its jar
  // stays on the child's class path, as does api/target/classes (which REACTOR_CLASS_DIRS leaves out).
  private static final String API_JAR_PREFIX = "querylens-api-";

  private Classpaths() {}

  /**
   * The application class path for a child JVM: this test JVM's class path minus our own unshaded code
   * (the reactor modules' class directories and {@code querylens-*.jar}), so the child sees the drivers,
   * pools and ORMs (and the unshaded ByteBuddy/Jackson the tests carry, as a real application might) but
   * reaches QueryLens only through the shaded agent jar. The application-side API ({@code querylens-api},
   * {@code api/target/classes}) stays: applications ship it themselves.
   */
  public static List<Path> application() {
    List<Path> result = new ArrayList<>();
    for (Path entry : testJvm()) {
      if (!isQueryLensCode(entry)) {
        result.add(entry);
      }
    }
    return result;
  }

  /**
   * Returns whether a class path entry is QueryLens's own unshaded code, which the agent jar brings;
   * {@code querylens-api} is not: it is application-side code and no part of the agent jar.
   */
  static boolean isQueryLensCode(Path entry) {
    String normalized = entry.toString().replace(File.separatorChar, '/');
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    for (String dir : REACTOR_CLASS_DIRS) {
      if (normalized.endsWith(dir)) {
        return true;
      }
    }
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
    return name.startsWith("querylens-") && !name.startsWith(API_JAR_PREFIX) && name.endsWith(".jar");
  }

  /**
   * This JVM's class path entries. Surefire/failsafe may launch the test JVM through a manifest-only jar;
   * then the real entries are that jar's {@code Class-Path}.
   */
  public static List<Path> testJvm() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Paths.get(entry).toAbsolutePath());
      }
    }
    if (entries.size() == 1 && entries.get(0).getFileName().toString().startsWith("surefirebooter")) {
      return fromManifest(entries.get(0));
    }
    return entries;
  }

  private static List<Path> fromManifest(Path booterJar) {
    try (JarFile jar = new JarFile(booterJar.toFile())) {
      Manifest manifest = jar.getManifest();
      List<Path> entries = new ArrayList<>();
      for (String url : manifest.getMainAttributes().getValue("Class-Path").split(" ")) {
        if (!url.isBlank()) {
          entries.add(Paths.get(booterJar.getParent().toUri().resolve(new URI(url))));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unreadable Class-Path in " + booterJar, e);
    }
  }

  /** The jar or directory a class was loaded from. */
  public static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalArgumentException(type + " has no code source");
    }
    try {
      return Paths.get(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Joins entries with the platform's path separator. */
  public static String join(List<Path> entries) {
    List<String> strings = new ArrayList<>();
    for (Path p : entries) {
      strings.add(p.toString());
    }
    return String.join(File.pathSeparator, strings);
  }
}
