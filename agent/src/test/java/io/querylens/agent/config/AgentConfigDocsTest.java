package io.querylens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.config.ValueParsers.ParseContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/configuration.md} in step with the options the code knows. */
class AgentConfigDocsTest {

  private static List<String> docLines() throws IOException {
    // Surefire runs in the module directory and sets basedir; fall back for IDE runs from the root.
    Path base = Path.of(System.getProperty("basedir", "."));
    Path doc = base.resolve("../docs/configuration.md").normalize();
    if (!Files.exists(doc)) {
      doc = base.resolve("docs/configuration.md");
    }
    return Files.readAllLines(doc, StandardCharsets.UTF_8);
  }

  @Test
  void everyOptionHasATableRowWithItsNamesAndDefault() throws Exception {
    List<String> lines = docLines();

    for (ConfigOption<?> option : ConfigOption.ALL) {
      String row =
          lines.stream()
              .filter(l -> l.startsWith("| `" + option.key() + "` |"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no table row for " + option.key()));
      String[] cells = row.split("\\|");

      assertThat(cells[2].trim()).isEqualTo("`-D" + option.propertyName() + "`");
      assertThat(cells[3].trim()).isEqualTo("`" + option.environmentName() + "`");
      String documentedDefault = cells[4].trim().replace("`", "");
      Object parsed =
          documentedDefault.equals("(none)")
              ? option.parse("", ParseContext.NONE)
              : option.parse(documentedDefault, ParseContext.NONE);
      assertThat(parsed).as("documented default of %s", option.key()).isEqualTo(option.defaultValue());
    }
  }

  @Test
  void everyOptionHasASectionAndNoSectionIsStale() throws Exception {
    List<String> sections = new ArrayList<>();
    for (String line : docLines()) {
      if (line.startsWith("### `")) {
        sections.add(line.substring(5, line.length() - 1));
      }
    }

    assertThat(sections)
        .containsExactlyElementsOf(ConfigOption.ALL.stream().map(ConfigOption::key).toList());
  }

  @Test
  void theDocumentedExampleWarningIsTheRealOne() throws Exception {
    String expected =
        "querylens: ignoring option slowQueryThreshold=fast (from -Dquerylens.slowQueryThreshold):"
            + " expected a duration such as 500ms, 2s or 1m; using the default 500ms";
    ConfigFixture sources = ConfigFixture.sources().property("querylens.slowQueryThreshold", "fast");
    sources.load();

    assertThat(sources.warnings).containsExactly(expected);
    assertThat(docLines()).contains(expected);
  }

  @Test
  void theOtherDocumentedWarningsAreTheRealOnes() throws Exception {
    List<String> lines = docLines();
    ConfigFixture sources =
        ConfigFixture.sources()
            .agentArgs("metricsPort=9465")
            .env("QUERYLENS_METRICS_PORT", "70000");
    sources.load();
    assertThat(lines).contains(sources.warnings.get(0));

    String text = String.join("\n", lines);
    for (String args : new String[] {"reportDri=/tmp/x", "verbose"}) {
      ConfigFixture fixture = ConfigFixture.withArgs(args);
      fixture.load();
      assertThat(text).contains("`" + fixture.warnings.get(0) + "`");
    }
  }
}
