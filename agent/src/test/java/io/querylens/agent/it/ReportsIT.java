package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import example.reports.OrderPages;
import io.querylens.agent.it.support.AgentJar;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.SourceMarkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three reports of a real run, and the command line over them: {@link OrderPages} runs under the agent
 * once with its N+1 ({@code loop}) and once fixed ({@code fixed}), with 3 and with 6 audit inserts per page;
 * the JSON must match its schema, the HTML be self-contained, the SARIF point at the line; then {@code diff},
 * {@code merge} and {@code render} run as a CI job would run them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src", "test", "java").toAbsolutePath();

  private Path loop;
  private Path loopAgain;
  private Path fixed;
  private Path moreAudits;

  @BeforeAll
  void runTheApplicationFourTimes() {
    loop = run("loop", "loop", 3);
    loopAgain = run("loop-again", "loop", 3);
    fixed = run("fixed", "fixed", 3);
    moreAudits = run("fixed-more-audits", "fixed", 6);
  }

  private Path run(String name, String mode, int audits) {
    ChildResult child = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), name))
        // no slow-query finding on a loaded machine: the diff is about the N+1
        .withAgent("sourceRoots=" + SOURCES + ",slowQueryThreshold=30s")
        .main(OrderPages.class, mode, Integer.toString(audits))
        .run()
        .assertExitedNormally();
    child.cleanReport();
    return child.reportDir();
  }

  @Test
  void theJsonReportOfARealRunMatchesItsSchema() throws IOException {
    JsonNode schemaNode = JSON.readTree(Path.of(System.getProperty("basedir", "."), "..", "docs", "report-schema.json")
        .toFile());
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    JsonNode report = JSON.readTree(loop.resolve("querylens-report.json").toFile());
    assertThat(schema.validate(report)).as("schema errors in %s", loop).isEmpty();
    JsonNode lookup = find(report.path("queries"), "statement", "select total from orders where customer_id = ?");
    assertThat(lookup.path("scopes").asLong()).as("units of work the N+1 lookup ran in").isEqualTo(OrderPages.PAGES);
    assertThat(lookup.path("histogram").size()).as("histogram buckets").isPositive();
    long counted = 0;
    for (JsonNode bucket : lookup.path("histogram")) {
      counted += bucket.path("count").asLong();
    }
    assertThat(counted).as("executions in the histogram").isEqualTo(lookup.path("calls").asLong());
  }

  @Test
  void allThreeFilesAreWrittenOwnerOnlyAndTheHtmlLoadsNothing() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (String name : List.of("querylens-report.json", "querylens-report.html", "querylens-report.sarif")) {
      Path file = loop.resolve(name);
      softly.assertThat(file).as(name).exists();
      softly.assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(name)
          .isEqualTo("rw-------");
    }
    String html = Files.readString(loop.resolve("querylens-report.html"));
    softly.assertThat(html).as("the HTML report").doesNotContain("src=\"http", "href=\"http", "<link", "@import")
        .contains("N_PLUS_ONE").doesNotContain("select id from customers</");
    softly.assertAll();
  }

  @Test
  void theSarifResultPointsAtTheLineUnderTheSourceRoot() throws IOException {
    JsonNode sarif = JSON.readTree(loop.resolve("querylens-report.sarif").toFile());
    JsonNode run = sarif.path("runs").get(0);
    JsonNode result = find(run.path("results"), "ruleId", "N_PLUS_ONE");
    JsonNode location = result.path("locations").get(0).path("physicalLocation");
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(location.path("artifactLocation").path("uri").asText()).as("uri of %s", location)
        .endsWith("example/reports/OrderPages.java");
    assertThat(location.path("region").path("startLine").asInt())
        .isEqualTo(SourceMarkers.line(OrderPages.class, "n-plus-one"));
    JsonNode again = JSON.readTree(loopAgain.resolve("querylens-report.sarif").toFile());
    assertThat(find(again.path("runs").get(0).path("results"), "ruleId", "N_PLUS_ONE").path("partialFingerprints"))
        .as("partialFingerprints of the same finding in a second run").isEqualTo(result.path("partialFingerprints"));
  }

  @Test
  void diffFailsOnTheNewNPlusOneAndPassesWhenItIsGone() {
    ChildResult introduced = cli("diff-introduced", "diff", json(fixed), json(loop));
    ChildResult resolved = cli("diff-resolved", "diff", json(loop), json(fixed));
    ChildResult same = cli("diff-same", "diff", json(loop), json(loopAgain));
    ChildResult notGated = cli("diff-not-gated", "diff", json(fixed), json(loop), "--fail-on", "SLOW_QUERY");

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(introduced.exitCode()).as("exit code\n%s", introduced.describe()).isEqualTo(1);
    softly.assertThat(introduced.stdout()).contains("New findings (1)", "N_PLUS_ONE", "OrderPages.listWithLoop(OrderPages.java:")
        .contains("FAIL: 1 new finding");
    softly.assertThat(resolved.exitCode()).as("exit code\n%s", resolved.describe()).isZero();
    softly.assertThat(resolved.stdout()).contains("Resolved findings (1)", "PASS");
    softly.assertThat(same.exitCode()).as("exit code\n%s", same.describe()).isZero();
    softly.assertThat(same.stdout()).contains("New findings (0)", "Persisting findings (1)", "PASS");
    softly.assertThat(notGated.exitCode()).as("exit code\n%s", notGated.describe()).isZero();
    softly.assertAll();
  }

  @Test
  void diffFailsWhenAStatementRunsMoreOftenPerUnitOfWork() {
    ChildResult grown = cli("diff-grown", "diff", json(fixed), json(moreAudits));
    ChildResult ignored = cli("diff-grown-ignored", "diff", json(fixed), json(moreAudits), "--fail-on", "N_PLUS_ONE");

    assertThat(grown.exitCode()).as("exit code\n%s", grown.describe()).isEqualTo(1);
    assertThat(grown.stdout()).contains("Statements run more often per unit of work (1)")
        .containsPattern("3\\.00 -> 6\\.00 +insert into audit\\(page\\) values \\(\\?\\+\\)")
        .contains("FAIL: 1 statement run more often per unit of work");
    assertThat(ignored.exitCode()).as("exit code\n%s", ignored.describe()).isZero();
  }

  @Test
  void mergeAddsUpTwoRunsAndRenderDrawsTheMergedReport() throws IOException {
    Path dir = RunDirectory.create(getClass(), "merged");
    Path merged = dir.resolve("merged.json");
    ChildResult merge = cli("merge", "merge", json(loop), json(loopAgain), "-o", merged.toString());
    assertThat(merge.exitCode()).as("exit code\n%s", merge.describe()).isZero();

    JsonNode one = JSON.readTree(loop.resolve("querylens-report.json").toFile());
    JsonNode both = JSON.readTree(merged.toFile());
    String lookup = "select total from orders where customer_id = ?";
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(both.path("summary").path("statements").asLong())
        .isEqualTo(2 * one.path("summary").path("statements").asLong());
    softly.assertThat(find(both.path("queries"), "statement", lookup).path("calls").asLong())
        .isEqualTo(2L * OrderPages.PAGES * OrderPages.CUSTOMERS);
    softly.assertThat(find(both.path("findings"), "type", "N_PLUS_ONE").path("occurrences").asLong())
        .isEqualTo(2L * OrderPages.PAGES);
    softly.assertAll();

    ChildResult render = cli("render", "render", merged.toString(), "--html", dir.resolve("merged.html").toString(),
        "--sarif", dir.resolve("merged.sarif").toString());
    assertThat(render.exitCode()).as("exit code\n%s", render.describe()).isZero();
    assertThat(Files.readString(dir.resolve("merged.html"))).contains("N_PLUS_ONE");
    assertThat(JSON.readTree(dir.resolve("merged.sarif").toFile()).path("runs").get(0).path("results").size())
        .isEqualTo(both.path("findings").size());
  }

  @Test
  void aFileThatIsNotAReportIsRefusedWithItsName() throws IOException {
    Path bogus = RunDirectory.create(getClass(), "bogus").resolve("notes.json");
    Files.writeString(bogus, "{\"hello\": 1}");
    ChildResult refused = cli("refused", "diff", bogus.toString(), json(loop));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr()).contains(bogus.toString()).contains("not a QueryLens JSON report");
  }

  private static ChildResult cli(String name, String... args) {
    return ChildJvm.on(Jdk.CURRENT, RunDirectory.create(ReportsIT.class, "cli-" + name)).jar(AgentJar.path(), args)
        .run();
  }

  private static String json(Path reportDir) {
    return reportDir.resolve("querylens-report.json").toString();
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (value.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("no entry with " + field + "=" + value + " in " + array);
  }
}
