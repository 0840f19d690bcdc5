package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.exporter.metrics.DashboardQueries.PanelQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps dashboards/querylens.json provisionable from a file, its queries within the Grafana
 * variables it defines, and every metric it queries documented in docs/metrics.md.
 */
class DashboardFileTest {
  private static final String DATASOURCE_UID = "${datasource}";

  /** Grafana variables the queries may use: the dashboard's own and Grafana's built-in ones. */
  private static final Set<String> ALLOWED_VARIABLES =
      Set.of("datasource", "job", "instance", "db_system", "__rate_interval", "__range", "__interval");

  private static final List<String> REQUIRED_TITLES =
      List.of(
          // Overview
          "Statements per second",
          "Time in database per second",
          "Error rate",
          "Statements in flight",
          "Findings in range",
          // Statements
          "Statement rate by query summary",
          "p95 latency by query summary",
          "Top statements by total time",
          "Errors by SQLSTATE",
          // Findings
          "N+1 queries by route and call site",
          "Repeated queries by route and call site",
          "Unbatched writes by route and call site",
          "Findings by type",
          "Slow queries by route and call site",
          "Share of statements slower than 0.5 s",
          // Locks and pool
          "Lock waits per second",
          "p95 lock wait",
          "Lock errors by kind",
          "Pool wait p95 by pool",
          "Pool checkouts per second by pool",
          // Requests
          "Statements per request by route (p50, p95)",
          "Mean statements per request by route",
          // Agent health
          "Agent errors in range",
          "Dropped events in range",
          "Fingerprints tracked",
          "Scrape targets up");

  private static final List<String> REQUIRED_ROWS =
      List.of("Overview", "Statements", "Findings", "Locks and pool", "Requests", "Agent health");

  private static final Pattern METRIC =
      Pattern.compile("\\b(db_client_operation_duration_seconds|querylens_[a-z_]+)");
  private static final Pattern SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
  // a metric name with the label matchers right after it, if any
  private static final Pattern SELECTOR =
      Pattern.compile(
          "\\b(db_client_operation_duration_seconds_[a-z]+|querylens_[a-z_]+|up)\\b(\\{([^}]*)})?");
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)]");
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path root;
  private static String raw;
  private static JsonNode dashboard;
  private static List<JsonNode> panels;
  private static List<PanelQuery> queries;

  @BeforeAll
  static void load() throws IOException {
    root = DashboardQueries.repoRoot();
    Path file = root.resolve(DashboardQueries.DASHBOARD);
    raw = Files.readString(file);
    dashboard = MAPPER.readTree(raw);
    panels = DashboardQueries.panels(dashboard);
    queries = DashboardQueries.read(file);
  }

  @Test
  void isAClassicDashboardModel() {
    assertThat(dashboard.isObject()).isTrue();
    assertThat(dashboard.get("id").isNull()).as("id").isTrue();
    assertThat(dashboard.path("uid").asText()).isEqualTo("querylens");
    assertThat(dashboard.path("title").asText()).isEqualTo("QueryLens — database queries");
    assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(39);
    assertThat(texts(dashboard.path("tags"))).containsExactly("querylens", "jdbc");
    assertThat(dashboard.path("refresh").asText()).isEqualTo("30s");
    assertThat(dashboard.path("time").path("from").asText()).isEqualTo("now-1h");
    assertThat(dashboard.path("time").path("to").asText()).isEqualTo("now");
  }

  @Test
  void provisionsFromAFileWithoutImportPlaceholders() {
    assertThat(raw).doesNotContain("__inputs").doesNotContain("__requires").doesNotContain("${DS_");
  }

  @Test
  void thePrometheusDataSourceIsAVariable() {
    JsonNode variable = variable("datasource");

    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    assertThat(variable.path("current").isObject()).isTrue();
  }

  @Test
  void jobInstanceAndDatabaseAreMultiValueQueryVariablesWithAll() {
    assertThat(variable("job").path("query").asText())
        .isEqualTo("label_values(db_client_operation_duration_seconds_count, job)");
    assertThat(variable("instance").path("query").asText())
        .isEqualTo(
            "label_values(db_client_operation_duration_seconds_count{job=~\"$job\"}, instance)");
    assertThat(variable("db_system").path("query").asText())
        .isEqualTo(
            "label_values(db_client_operation_duration_seconds_count{job=~\"$job\"}, db_system_name)");
    for (String name : List.of("job", "instance", "db_system")) {
      JsonNode v = variable(name);
      assertThat(v.path("type").asText()).as(name).isEqualTo("query");
      assertThat(v.path("datasource").path("uid").asText()).as(name).isEqualTo(DATASOURCE_UID);
      assertThat(v.path("refresh").asInt()).as(name).isEqualTo(2);
      assertThat(v.path("includeAll").asBoolean()).as(name).isTrue();
      assertThat(v.path("multi").asBoolean()).as(name).isTrue();
      assertThat(v.path("allValue").asText()).as(name).isEqualTo(".*");
      assertThat(texts(v.path("current").path("value"))).as(name).containsExactly("$__all");
    }
  }

  @Test
  void everyPanelQueriesTheDataSourceVariable() {
    assertThat(panels).hasSizeGreaterThan(20);
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("type").asText()).as(title).isEqualTo("prometheus");
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE_UID);
      assertThat(panel.path("targets")).as(title).isNotEmpty();
      assertThat(panel.path("targets"))
          .as(title)
          .anySatisfy(t -> assertThat(t.path("expr").asText()).isNotBlank());
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE_UID);
        assertThat(target.path("refId").asText()).as(title).isNotBlank();
        assertThat(target.has("legendFormat")).as(title + " legendFormat").isTrue();
      }
    }
  }

  @Test
  void everyPanelSaysWhatItMeans() {
    for (JsonNode panel : panels) {
      assertThat(panel.path("title").asText()).isNotBlank();
      assertThat(panel.path("description").asText()).as(panel.path("title").asText()).isNotBlank();
      assertThat(panel.path("type").asText())
          .as(panel.path("title").asText())
          .isIn("timeseries", "stat", "table", "bargauge");
    }
  }

  @Test
  void tablesAreInstantTableQueries() {
    for (JsonNode panel : panels) {
      if (!"table".equals(panel.path("type").asText())) {
        continue;
      }
      for (JsonNode target : panel.path("targets")) {
        String what = panel.path("title").asText() + " " + target.path("refId").asText();
        assertThat(target.path("format").asText()).as(what).isEqualTo("table");
        assertThat(target.path("instant").asBoolean()).as(what).isTrue();
      }
    }
  }

  @Test
  void panelIdsAreUnique() {
    List<Integer> ids = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      ids.add(id(panel));
      panel.path("panels").forEach(nested -> ids.add(id(nested)));
    }

    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyPanelFitsTheGrid() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    for (JsonNode panel : all) {
      JsonNode grid = panel.path("gridPos");
      String title = panel.path("title").asText();
      assertThat(grid.isObject()).as(title + " gridPos").isTrue();
      for (String key : List.of("h", "w", "x", "y")) {
        assertThat(grid.path(key).isInt()).as(title + " gridPos." + key).isTrue();
      }
      assertThat(grid.get("h").asInt()).as(title).isPositive();
      assertThat(grid.get("w").asInt()).as(title).isBetween(1, 24);
      assertThat(grid.get("x").asInt()).as(title).isNotNegative();
      assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(title).isLessThanOrEqualTo(24);
    }
  }

  @Test
  void rowsOrganiseThePanels() {
    List<String> rows = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        rows.add(panel.path("title").asText());
      }
    }

    assertThat(rows).containsExactlyElementsOf(REQUIRED_ROWS);
  }

  @Test
  void theRequiredPanelsAreThere() {
    List<String> titles = panels.stream().map(p -> p.path("title").asText()).toList();

    assertThat(titles).containsAll(REQUIRED_TITLES).doesNotHaveDuplicates();
  }

  @Test
  void everyMetricQueriedIsDocumented() throws IOException {
    String doc = Files.readString(root.resolve("docs/metrics.md"));
    Set<String> documented = new HashSet<>();
    Matcher spans = CODE_SPAN.matcher(doc);
    while (spans.find()) {
      String span = spans.group(1).strip();
      int brace = span.indexOf('{');
      documented.add(brace < 0 ? span : span.substring(0, brace));
    }
    Set<String> headingWords = new HashSet<>();
    doc.lines()
        .filter(line -> line.startsWith("#"))
        .forEach(line -> headingWords.addAll(List.of(line.split("[^A-Za-z0-9_]+"))));
    documented.addAll(headingWords);

    Set<String> used = new TreeSet<>();
    for (PanelQuery q : queries) {
      Matcher m = METRIC.matcher(q.expr());
      while (m.find()) {
        used.add(SUFFIX.matcher(m.group(1)).replaceFirst(""));
      }
    }

    assertThat(used)
        .contains("db_client_operation_duration_seconds", "querylens_findings_total")
        .hasSizeGreaterThanOrEqualTo(10);
    Set<String> undocumented = new TreeSet<>(used);
    undocumented.removeAll(documented);
    assertThat(undocumented).as("metrics queried but not documented in docs/metrics.md").isEmpty();
  }

  @Test
  void queriesUseOnlyTheAllowedVariables() {
    for (PanelQuery q : queries) {
      Matcher m = VARIABLE.matcher(q.expr());
      while (m.find()) {
        assertThat(m.group(1)).as(q.panelTitle() + " " + q.refId()).isIn(ALLOWED_VARIABLES);
      }
    }
  }

  @Test
  void everySelectorFiltersByTheDashboardVariables() {
    for (PanelQuery q : queries) {
      Matcher m = SELECTOR.matcher(q.expr());
      int selectors = 0;
      while (m.find()) {
        selectors++;
        String what = q.panelTitle() + " " + q.refId() + ": " + m.group();
        String matchers = m.group(3);
        assertThat(matchers).as(what).isNotNull();
        assertThat(matchers).as(what).contains("job=~\"$job\"", "instance=~\"$instance\"");
        if (m.group(1).startsWith("db_client_operation_duration_seconds")) {
          assertThat(matchers).as(what).contains("db_system_name=~\"$db_system\"");
        }
      }
      assertThat(selectors).as(q.panelTitle() + " " + q.refId()).isPositive();
    }
  }

  @Test
  void rangeWindowsFollowTheDashboard() {
    for (PanelQuery q : queries) {
      Matcher m = RANGE.matcher(q.expr());
      while (m.find()) {
        assertThat(m.group(1))
            .as(q.panelTitle() + " " + q.refId())
            .isIn("$__rate_interval", "$__range");
      }
    }
  }

  @Test
  void substitutedQueriesHoldNoVariable() {
    assertThat(queries).hasSizeGreaterThan(20);
    for (PanelQuery q : queries) {
      assertThat(DashboardQueries.substitute(q.expr()))
          .as(q.panelTitle() + " " + q.refId())
          .doesNotContain("$");
    }
  }

  @Test
  void substituteGivesEachVariableItsFixedValue() {
    assertThat(
            DashboardQueries.substitute(
                "sum(rate(m{job=~\"$job\", instance=~\"${instance}\", db_system_name=~\"$db_system\"}"
                    + "[$__rate_interval])) + increase(m[$__range]) + rate(m[$__interval])"))
        .isEqualTo(
            "sum(rate(m{job=~\".*\", instance=~\".*\", db_system_name=~\".*\"}[1m]))"
                + " + increase(m[5m]) + rate(m[15s])");
    assertThat(DashboardQueries.substitute("m{a=\"$jobs\"}")).isEqualTo("m{a=\"$jobs\"}");
  }

  @Test
  void readFindsNestedPanelsAndInstantQueries() {
    assertThat(queries)
        .anySatisfy(q -> assertThat(q.panelTitle()).isEqualTo("Fingerprints tracked")) // collapsed row
        .anySatisfy(q -> assertThat(q.instant()).isTrue())
        .anySatisfy(q -> assertThat(q.instant()).isFalse());
  }

  private static JsonNode variable(String name) {
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no template variable " + name);
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static int id(JsonNode panel) {
    assertThat(panel.path("id").isInt()).as(panel.path("title").asText() + " id").isTrue();
    return panel.get("id").asInt();
  }
}
