package io.querylens.agent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the expected findings written into the corpus sources: a line of code ending with {@code //
 * expect: TYPE [TYPE ...] [scope="name"]} expects one finding per {@code TYPE} whose call site is
 * that line, each in the named scope if one is given.
 *
 * <p>Labels count only after code on the same line, so the syntax can be quoted in comments. A label
 * that does not parse fails the read, naming the file and line: a typo must not quietly drop an
 * expectation and inflate recall.
 */
public final class CorpusLabels {

  /** The finding types a label may name. */
  public static final Set<String> TYPES = Set.of("N_PLUS_ONE", "REPEATED_QUERY", "UNBATCHED_WRITES");

  private static final Pattern LABEL = Pattern.compile("^(?<code>.*?)//\\s*expect:(?<tokens>.*)$");
  private static final Pattern TOKEN = Pattern.compile("\\s*(?:scope=\"(?<scope>[^\"]+)\"|(?<type>[A-Za-z_]+))");
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern SCENARIO = Pattern.compile("\\bimplements\\s+(?:[\\w.]+\\s*,\\s*)*Scenario\\b");

  private CorpusLabels() {}

  /** The corpus sources: {@code <basedir>/src/test/java/example/corpus}. */
  public static Path sourceDirectory() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(basedir, "src", "test", "java", "example", "corpus").toAbsolutePath();
  }

  /** Every label in the {@code .java} files under {@code dir}, in file and line order. */
  public static List<ExpectedFinding> read(Path dir) {
    List<ExpectedFinding> expected = new ArrayList<>();
    for (Path file : javaFiles(dir)) {
      List<String> lines = lines(file);
      String className = className(file, String.join("\n", lines));
      for (int i = 0; i < lines.size(); i++) {
        expected.addAll(parse(lines.get(i), className, file.getFileName().toString(), i + 1));
      }
    }
    return expected;
  }

  /** The simple names of the classes under {@code dir} that implement {@code Scenario}, sorted. */
  public static List<String> scenarioClasses(Path dir) {
    List<String> names = new ArrayList<>();
    for (Path file : javaFiles(dir)) {
      if (SCENARIO.matcher(String.join("\n", lines(file))).find()) {
        names.add(file.getFileName().toString().replaceFirst("\\.java$", ""));
      }
    }
    names.sort(null);
    return names;
  }

  /** The expectations of one source line (none if it has no label); public for the parser's own test. */
  public static List<ExpectedFinding> parse(String line, String className, String fileName, int lineNumber) {
    Matcher label = LABEL.matcher(line);
    if (!label.matches()) {
      return List.of();
    }
    String code = label.group("code").trim();
    if (code.isEmpty() || code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
      return List.of(); // the syntax quoted in a comment, not a label
    }
    String where = fileName + ":" + lineNumber;
    List<String> types = new ArrayList<>();
    String scope = null;
    String tokens = label.group("tokens");
    Matcher token = TOKEN.matcher(tokens);
    int at = 0;
    while (at < tokens.length() && !tokens.substring(at).isBlank()) {
      if (!token.find(at) || token.start() != at) {
        throw new IllegalArgumentException(
            where + ": cannot read the label at '" + tokens.substring(at).trim() + "'; write // expect: TYPE [TYPE ...]"
                + " [scope=\"name\"] with TYPE one of " + TYPES);
      }
      if (token.group("scope") != null) {
        if (scope != null) {
          throw new IllegalArgumentException(where + ": a label names at most one scope");
        }
        scope = token.group("scope");
      } else if (TYPES.contains(token.group("type"))) {
        types.add(token.group("type"));
      } else {
        throw new IllegalArgumentException(
            where + ": unknown finding type '" + token.group("type") + "'; use one of " + TYPES);
      }
      at = token.end();
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException(where + ": the label names no finding type; use one of " + TYPES);
    }
    List<ExpectedFinding> expected = new ArrayList<>();
    for (String type : types) {
      expected.add(new ExpectedFinding(type, className, lineNumber, scope, fileName, code));
    }
    return expected;
  }

  private static String className(Path file, String source) {
    Matcher pkg = PACKAGE.matcher(source);
    String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
    return pkg.find() ? pkg.group(1) + "." + simpleName : simpleName;
  }

  private static List<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no corpus sources at " + dir + "; run the test from the agent module (basedir)");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
