package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import example.cases.BaselineCases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

/** The baseline file: recorded, checked, merged, and refused when it cannot be read. */
class BaselineTest {
  private static final String LOOKS_UP = "looksUp";

  @TempDir
  Path directory;

  @AfterEach
  void restoreTheExamples() {
    BaselineCases.selects = 2;
    BaselineCases.inserts = 0;
    BaselineCases.failing = false;
  }

  @Test
  void recordingWritesEveryTestSortedAndPrettyPrinted() throws IOException {
    Path file = directory.resolve("querylens-baseline.json");

    run(file, true).assertPassed(LOOKS_UP);

    assertThat(Files.readString(file)).isEqualTo("""
        {
          "schemaVersion": 1,
          "tests": {
            "example.cases.BaselineCases#countsRows(int) [1]": {
              "total": 1,
              "statements": {
                "select count(*) from item": 1
              }
            },
            "example.cases.BaselineCases#countsRows(int) [2]": {
              "total": 2,
              "statements": {
                "select count(*) from item": 2
              }
            },
            "example.cases.BaselineCases#looksUp()": {
              "total": 2,
              "statements": {
                "select name from item where id = ?": 2
              }
            }
          }
        }
        """);
    try (var files = Files.list(directory)) {
      assertThat(files).as("no temporary file is left").containsExactly(file);
    }
  }

  @Test
  void testsThatRanNoMoreThanTheirBaselinePass() {
    Path file = directory.resolve("baseline.json");
    run(file, true);

    Examples check = run(file, false);

    assertThat(check.outcomes()).hasSize(3);
    check.outcomes().keySet().forEach(check::assertPassed);
  }

  @Test
  void aTestThatRanMoreThanItsBaselineFailsWithTheStatementsThatGrew() {
    Path file = directory.resolve("baseline.json");
    run(file, true);
    BaselineCases.selects = 4;
    BaselineCases.inserts = 1;

    Examples check = run(file, false);

    assertThat(check.message(LOOKS_UP)).isEqualTo("""
        QueryLens: BaselineCases.looksUp() broke 1 query expectation
          Baseline exceeded: total 6 (baseline 2) in %s
            +2  select name from item where id = ? (baseline 2, now 4)
            +1  insert into item(id, name) values (?+) (baseline 0, now 1)
            +1  delete from item where id = ? (baseline 0, now 1)
            If the increase is intended, record the baseline again: mvn test -Dquerylens.baseline.record=true
        Statements run by the test (6):
             4 × select name from item where id = ?
             1 × insert into item(id, name) values (?+)
             1 × delete from item where id = ?""".formatted(file));
  }

  @Test
  void aTestThatRanFewerStatementsPassesWithANote() {
    Path file = directory.resolve("baseline.json");
    run(file, true);
    BaselineCases.selects = 1;

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    Examples check;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      check = run(file, false);
    } finally {
      System.setOut(original);
    }

    check.assertPassed(LOOKS_UP);
    String note = "QueryLens baseline: BaselineCases.looksUp() ran fewer statements than its baseline (2 → 1);"
        + " record again with -Dquerylens.baseline.record=true to tighten it";
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(note + System.lineSeparator());
    List<Map<String, String>> entries = check.results().allEvents().reportingEntryPublished().stream()
        .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .toList();
    assertThat(entries).containsExactly(Map.of("querylens.baseline", note));
  }

  @Test
  void recordingKeepsTheEntriesOfTestsThatDidNotRunOrFailed() throws IOException {
    Path file = directory.resolve("baseline.json");
    Files.writeString(file, """
        {"schemaVersion": 1, "tests": {
          "com.example.GoneTest#gone()": {"total": 3, "statements": {"select 1": 3}},
          "example.cases.BaselineCases#looksUp()": {"total": 9, "statements": {"select name from item where id = ?": 9}}
        }}""");
    BaselineCases.failing = true;

    run(file, true);

    String written = Files.readString(file);
    assertThat(written).contains("\"com.example.GoneTest#gone()\"", "\"total\": 9", "countsRows(int) [2]");
  }

  @Test
  void aBaselineThatIsNotJsonFailsEveryTestNamingTheFile() throws IOException {
    Path file = directory.resolve("baseline.json");
    Files.writeString(file, "{ \"schemaVersion\": 1, \"tests\": ");

    Examples check = run(file, false);

    assertThat(check.failure(LOOKS_UP))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith("QueryLens cannot use the baseline " + file + ": it is not valid JSON (")
        .hasMessageEndingWith("); fix it, or delete it and record a new one with -Dquerylens.baseline.record=true");
  }

  @Test
  void aBaselineOfAnotherSchemaVersionIsRefused() throws IOException {
    Path file = directory.resolve("baseline.json");
    Files.writeString(file, "{\"schemaVersion\": 2, \"tests\": {}}");

    Examples record = run(file, true);

    assertThat(record.failure(LOOKS_UP)).hasMessage("QueryLens cannot use the baseline " + file
        + ": its schemaVersion is 2, but this querylens-junit reads schemaVersion 1; delete it to record a new one");
    assertThat(Files.readString(file)).as("left as it was").isEqualTo("{\"schemaVersion\": 2, \"tests\": {}}");
  }

  @Test
  void theSettingsAreReadFromSystemPropertiesToo() {
    Path file = directory.resolve("from-system-properties.json");
    System.setProperty(BaselineRun.FILE_PROPERTY, file.toString());
    System.setProperty(BaselineRun.RECORD_PROPERTY, "true");
    try {
      Examples.run(BaselineCases.class);
    } finally {
      System.clearProperty(BaselineRun.FILE_PROPERTY);
      System.clearProperty(BaselineRun.RECORD_PROPERTY);
    }

    assertThat(file).content().contains("example.cases.BaselineCases#looksUp()");
  }

  private static Examples run(Path file, boolean record) {
    Examples examples = Examples.run(BaselineCases.class, Map.of(
        BaselineRun.FILE_PROPERTY, file.toString(),
        BaselineRun.RECORD_PROPERTY, Boolean.toString(record)));
    assertThat(examples.containerFailures()).as("container failures").isEmpty();
    return examples;
  }

}
