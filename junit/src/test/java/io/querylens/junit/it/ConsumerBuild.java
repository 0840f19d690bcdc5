package io.querylens.junit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Maven build of the consumer project ({@code src/it/consumer}), run as its user would run it
 * ({@code mvn test -P<profile>}), against the QueryLens artifacts this build staged.
 *
 * <p>The project is copied to {@code target/it/<profile>} and built there with its own local
 * repository, {@code target/it-repo}, into which {@code maven-invoker-plugin:install} put this
 * build's querylens-junit and the modules it depends on, and the consumer's third-party libraries
 * (its {@code extraArtifacts}). Whatever else it needs comes from the outer build's local repository,
 * read as a {@code file:} remote repository, and only then from Maven Central, so a second run needs
 * no network; when the outer build is offline, so is this one.
 */
final class ConsumerBuild {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** The repository id under which the outer build's local repository is offered to the consumer. */
  static final String OUTER_REPOSITORY_ID = "outer-local-repository";

  final Path project;
  final Path log;
  final int exitCode;

  private ConsumerBuild(Path project, Path log, int exitCode) {
    this.project = project;
    this.log = log;
    this.exitCode = exitCode;
  }

  /** Copies the project and runs {@code mvn test -P<profile> <options>} in the copy. */
  static ConsumerBuild run(String profile, String... options) throws IOException, InterruptedException {
    Path source = path("querylens.it.consumer");
    Path work = path("querylens.it.work");
    Path project = work.resolve(profile);
    deleteRecursively(project);
    copyRecursively(source, project);
    Path settings = writeSettings(work);

    List<String> command = new ArrayList<>(List.of(
        maven().toString(), "-B", "-ntp",
        // as global settings: the user's own settings (mirrors, proxies) still apply
        "-gs", settings.toString(),
        "-Dmaven.repo.local=" + path("querylens.it.repo"),
        // the failing tests are the point; their reports are read afterwards
        "-Dmaven.test.failure.ignore=true",
        "-P" + profile));
    command.addAll(List.of(options));
    command.add("test");
    if (System.getProperty("querylens.it.offline", "").equals("offline=true")) {
      // offline blocks file: repositories too, unless told otherwise
      command.addAll(1, List.of("-o", "-Daether.offline.protocols=file"));
    }
    Path log = project.resolve("build.log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("mvn test -P" + profile + " did not finish in " + TIMEOUT
          + "; its output is in " + log);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("ConsumerProjectIT: mvn test -P%s%s took %d ms (exit %d), output in %s%n",
        profile, options.length == 0 ? "" : " " + String.join(" ", options), took.toMillis(), process.exitValue(), log);
    return new ConsumerBuild(project, log, process.exitValue());
  }

  /** The Maven output, test JVM output included. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of the output, to show with a failure. */
  String tail(int lines) {
    List<String> all = output().lines().collect(Collectors.toList());
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The surefire report of {@code testClass} (simple name, package {@code com.example.shop}). */
  SurefireReport report(String testClass) {
    return SurefireReport.read(project.resolve("target/surefire-reports/TEST-com.example.shop." + testClass + ".xml"));
  }

  /** The file {@code name} of the project, absolute. */
  Path file(String name) {
    return project.resolve(name).toAbsolutePath().normalize();
  }

  /** The 1-based line of the first line of {@code file} (under the project) containing {@code marker}. */
  int lineOf(String file, String marker) throws IOException {
    List<String> lines = Files.readAllLines(project.resolve(file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line of " + file + " contains \"" + marker + "\"");
  }

  /**
   * Artifacts the build had to take from Maven Central: the consumer's {@code extraArtifacts} in
   * {@code junit/pom.xml} should name them, or their parents, so that later runs work offline.
   */
  static List<String> takenFromCentral() throws IOException {
    Path repo = path("querylens.it.repo");
    if (!Files.isDirectory(repo)) {
      return List.of();
    }
    List<String> taken = new ArrayList<>();
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path marker : files.filter(p -> p.getFileName().toString().equals("_remote.repositories"))
          .collect(Collectors.toList())) {
        for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
          if (line.endsWith(">central=")) {
            taken.add(repo.relativize(marker.getParent().resolve(line.substring(0, line.indexOf('>'))))
                .toString());
          }
        }
      }
    }
    taken.sort(null);
    return taken;
  }

  private static Path writeSettings(Path work) throws IOException {
    String outer = path("querylens.it.outerRepo").toUri().toString();
    String repository = "        <id>" + OUTER_REPOSITORY_ID + "</id>\n"
        + "        <url>" + outer + "</url>\n"
        + "        <releases><checksumPolicy>ignore</checksumPolicy></releases>\n"
        // this build's snapshots come from target/it-repo only, never an older install
        + "        <snapshots><enabled>false</enabled></snapshots>\n";
    String settings = "<settings>\n"
        + "  <!-- written by ConsumerProjectIT: the outer build's local repository before Maven Central -->\n"
        + "  <profiles>\n"
        + "    <profile>\n"
        + "      <id>querylens-it</id>\n"
        + "      <repositories>\n      <repository>\n" + repository + "      </repository>\n      </repositories>\n"
        + "      <pluginRepositories>\n      <pluginRepository>\n" + repository
        + "      </pluginRepository>\n      </pluginRepositories>\n"
        + "    </profile>\n"
        + "  </profiles>\n"
        + "  <activeProfiles>\n    <activeProfile>querylens-it</activeProfile>\n  </activeProfiles>\n"
        + "</settings>\n";
    Files.createDirectories(work);
    Path file = work.resolve("settings.xml");
    Files.writeString(file, settings, StandardCharsets.UTF_8);
    return file;
  }

  /** The {@code mvn} of the Maven running this build, else the first on the PATH. */
  private static Path maven() {
    String script = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    String home = System.getProperty("maven.home", "");
    if (!home.isEmpty() && Files.isExecutable(Paths.get(home, "bin", script))) {
      return Paths.get(home, "bin", script);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Paths.get(dir, script);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no " + script + " in maven.home (" + home + ") or on the PATH");
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isEmpty()) {
      throw new AssertionError("system property " + property
          + " is not set: run this test through the junit module's failsafe plugin (mvn verify)");
    }
    return Paths.get(value).toAbsolutePath();
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.collect(Collectors.toList())) {
        Path relative = from.relativize(file);
        if (relative.startsWith("target")) {
          continue; // left by building the project in place; not part of it
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
        Files.delete(file);
      }
    }
  }
}
