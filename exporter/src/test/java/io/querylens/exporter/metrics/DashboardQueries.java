package io.querylens.exporter.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PromQL queries of the Grafana dashboard in {@code dashboards/querylens.json}, and turns
 * them into plain PromQL that Prometheus can evaluate by giving Grafana's variables fixed values.
 */
public final class DashboardQueries {

  /** The dashboard, relative to the repository root. */
  public static final String DASHBOARD = "dashboards/querylens.json";

  /** One query of one panel. {@code instant} queries are evaluated at one time, the others over a range. */
  public record PanelQuery(String panelTitle, String refId, String expr, boolean instant) {}

  /** What {@link #substitute} puts in place of each Grafana variable a query may use. */
  private static final Map<String, String> VALUES =
      Map.of(
          "__rate_interval", "1m",
          "__interval", "15s",
          "__range", "5m",
          "job", ".*",
          "instance", ".*",
          "db_system", ".*");

  // $name or ${name}; the \b keeps $job from matching the start of a longer name such as $jobs
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)\\b");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DashboardQueries() {}

  /** Every target of every panel, rows' nested panels included, in the order they appear. */
  public static List<PanelQuery> read(Path dashboardJson) {
    JsonNode dashboard;
    try {
      dashboard = MAPPER.readTree(dashboardJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dashboardJson, e);
    }
    List<PanelQuery> queries = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new PanelQuery(
                panel.path("title").asText(),
                target.path("refId").asText(),
                target.path("expr").asText(),
                target.path("instant").asBoolean(false)));
      }
    }
    return queries;
  }

  /**
   * Every panel of the dashboard that is not a row, including the panels a collapsed row holds in
   * its own {@code panels} array.
   */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /**
   * The query with Grafana's variables replaced: {@code $__rate_interval} by {@code 1m},
   * {@code $__interval} by {@code 15s}, {@code $__range} by {@code 5m}, and {@code $job},
   * {@code $instance} and {@code $db_system} by {@code .*} (the dashboard's "All"). Other
   * variables are left as they are.
   */
  public static String substitute(String expr) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = VALUES.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The repository root: the working directory or the nearest directory above it that holds
   * {@value #DASHBOARD} (tests run with the module directory as working directory).
   */
  public static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(DASHBOARD))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + DASHBOARD + " in " + start + " or any directory above it");
  }

  /** The dashboard file in this repository. */
  public static Path dashboardFile() {
    return repoRoot().resolve(DASHBOARD);
  }
}
