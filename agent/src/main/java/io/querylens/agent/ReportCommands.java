package io.querylens.agent;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Report;
import io.querylens.exporter.report.HtmlReportWriter;
import io.querylens.exporter.report.JsonReportWriter;
import io.querylens.exporter.report.ReportDiff;
import io.querylens.exporter.report.ReportFiles;
import io.querylens.exporter.report.ReportMerge;
import io.querylens.exporter.report.ReportReader;
import io.querylens.exporter.report.SarifReportWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report commands of {@code java -jar querylens-agent.jar}: {@code merge}, {@code render} and
 * {@code diff}. Exit codes: 0 done (or PASS), 1 FAIL, 2 a usage error or a file that is not a report.
 */
final class ReportCommands {
  static final String USAGE = String.join(System.lineSeparator(),
      "Reports:",
      "  java -jar querylens-agent.jar merge a.json b.json ... -o merged.json",
      "      one report from many instances or runs",
      "  java -jar querylens-agent.jar render report.json [--html out.html] [--sarif out.sarif] [--source-roots dirs]",
      "      the HTML or SARIF report of a JSON report",
      "  java -jar querylens-agent.jar diff base.json head.json [--fail-on TYPE,...]",
      "      new, resolved and persisting findings, and statements run more often per unit of work;",
      "      ends in PASS or FAIL (exit code 1): a CI gate. TYPE is a finding type or "
          + ReportDiff.CALLS_PER_SCOPE + "; default all of them.");

  private final PrintStream out;
  private final PrintStream err;
  private final ReportReader reader = new ReportReader();

  ReportCommands(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs {@code args} (the command first), or returns -1 when it is not a report command. */
  int run(String[] args) {
    try {
      switch (args[0]) {
        case "merge":
          return merge(Arrays.asList(args).subList(1, args.length));
        case "render":
          return render(Arrays.asList(args).subList(1, args.length));
        case "diff":
          return diff(Arrays.asList(args).subList(1, args.length));
        default:
          return -1;
      }
    } catch (UsageException | ReportReader.InvalidReportException e) {
      err.println("querylens: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("querylens: could not write: " + e);
      return 2;
    }
  }

  private int merge(List<String> args) throws IOException {
    List<Path> inputs = new ArrayList<>();
    Path output = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-o") || args.get(i).equals("--output")) {
        output = Path.of(value(args, ++i, "-o"));
      } else {
        inputs.add(Path.of(args.get(i)));
      }
    }
    if (inputs.isEmpty() || output == null) {
      throw new UsageException("usage: merge a.json b.json ... -o merged.json");
    }
    List<Report> reports = new ArrayList<>();
    for (Path input : inputs) {
      reports.add(reader.read(input));
    }
    Report merged = ReportMerge.merge(reports, AgentInstaller.version());
    Path written = ReportFiles.write(output, new JsonReportWriter().toJson(merged).getBytes(StandardCharsets.UTF_8));
    out.println("querylens: merged " + inputs.size() + " reports (" + merged.summary().statements() + " statements, "
        + merged.queries().size() + " distinct, " + merged.findings().size() + " findings) into " + written);
    return 0;
  }

  private int render(List<String> args) throws IOException {
    Path input = null;
    Path html = null;
    Path sarif = null;
    List<Path> sourceRoots = List.of();
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--html":
          html = Path.of(value(args, ++i, "--html"));
          break;
        case "--sarif":
          sarif = Path.of(value(args, ++i, "--sarif"));
          break;
        case "--source-roots":
          sourceRoots = paths(value(args, ++i, "--source-roots"));
          break;
        default:
          if (input != null || args.get(i).startsWith("--")) {
            throw new UsageException("unexpected '" + args.get(i) + "'; usage: render report.json [--html out.html]"
                + " [--sarif out.sarif] [--source-roots dir;dir]");
          }
          input = Path.of(args.get(i));
      }
    }
    if (input == null || html == null && sarif == null) {
      throw new UsageException("usage: render report.json [--html out.html] [--sarif out.sarif]"
          + " [--source-roots dir;dir]");
    }
    Report report = reader.read(input);
    if (html != null) {
      Path written = ReportFiles.write(html, new HtmlReportWriter().render(report).getBytes(StandardCharsets.UTF_8));
      out.println("querylens: wrote " + written);
    }
    if (sarif != null) {
      Path written = ReportFiles.write(sarif,
          new SarifReportWriter(sourceRoots).render(report).getBytes(StandardCharsets.UTF_8));
      out.println("querylens: wrote " + written);
    }
    return 0;
  }

  private int diff(List<String> args) {
    List<Path> inputs = new ArrayList<>();
    Set<String> failOn = allTypes();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--fail-on")) {
        failOn = types(value(args, ++i, "--fail-on"));
      } else if (args.get(i).startsWith("--")) {
        throw new UsageException("unknown option '" + args.get(i) + "'; usage: diff base.json head.json"
            + " [--fail-on TYPE,...]");
      } else {
        inputs.add(Path.of(args.get(i)));
      }
    }
    if (inputs.size() != 2) {
      throw new UsageException("usage: diff base.json head.json [--fail-on TYPE,...]");
    }
    ReportDiff diff = ReportDiff.of(reader.read(inputs.get(0)), reader.read(inputs.get(1)), failOn);
    out.print(diff.render());
    return diff.failed() ? 1 : 0;
  }

  private static Set<String> allTypes() {
    Set<String> all = new LinkedHashSet<>();
    for (FindingType type : FindingType.values()) {
      all.add(type.name());
    }
    all.add(ReportDiff.CALLS_PER_SCOPE);
    return all;
  }

  private static Set<String> types(String list) {
    Set<String> known = allTypes();
    Set<String> chosen = new LinkedHashSet<>();
    for (String part : list.split(",")) {
      String type = part.trim().toUpperCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      if (!known.contains(type)) {
        throw new UsageException("unknown type '" + part.trim() + "' in --fail-on; known: "
            + String.join(", ", new TreeSet<>(known)));
      }
      chosen.add(type);
    }
    if (chosen.isEmpty()) {
      throw new UsageException("--fail-on needs at least one type, such as N_PLUS_ONE,REPEATED_QUERY");
    }
    return chosen;
  }

  private static List<Path> paths(String list) {
    List<Path> paths = new ArrayList<>();
    for (String part : list.split("[;,]")) {
      if (!part.isBlank()) {
        paths.add(Path.of(part.trim()));
      }
    }
    return paths;
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(index);
  }

  /** A command line that cannot be run as given; the message says how to call it. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
