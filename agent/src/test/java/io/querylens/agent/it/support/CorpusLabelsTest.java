package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusLabelsTest {

  private static final String CLASS = "example.corpus.Loop";

  @Test
  void aLabelAfterCodeExpectsOneFindingPerTypeAtItsLine() {
    List<ExpectedFinding> expected =
        CorpusLabels.parse("    rs = ps.executeQuery(); // expect: N_PLUS_ONE N_PLUS_ONE", CLASS, "Loop.java", 42);

    assertThat(expected)
        .containsExactly(
            new ExpectedFinding("N_PLUS_ONE", CLASS, 42, null, "Loop.java", "rs = ps.executeQuery();"),
            new ExpectedFinding("N_PLUS_ONE", CLASS, 42, null, "Loop.java", "rs = ps.executeQuery();"));
  }

  @Test
  void aQuotedScopeMayHoldSpacesAndBraces() {
    List<ExpectedFinding> expected =
        CorpusLabels.parse("run(); //expect: REPEATED_QUERY scope=\"GET /owners/{ownerId}\"  ", CLASS, "Loop.java", 7);

    assertThat(expected).extracting(ExpectedFinding::type, ExpectedFinding::scope)
        .containsExactly(tuple("REPEATED_QUERY", "GET /owners/{ownerId}"));
  }

  @Test
  void theSyntaxQuotedInACommentIsNoLabel() {
    assertThat(CorpusLabels.parse(" * a trailing comment {@code // expect: TYPE}", CLASS, "Loop.java", 3)).isEmpty();
    assertThat(CorpusLabels.parse("// expect: N_PLUS_ONE", CLASS, "Loop.java", 3)).isEmpty();
    assertThat(CorpusLabels.parse("run(); // expected to be fast", CLASS, "Loop.java", 3)).isEmpty();
  }

  @Test
  void aMalformedLabelFailsWithItsPlace() {
    assertThatThrownBy(() -> CorpusLabels.parse("run(); // expect: N_PLUS_ON", CLASS, "Loop.java", 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Loop.java:9: unknown finding type 'N_PLUS_ON'");
    assertThatThrownBy(() -> CorpusLabels.parse("run(); // expect: N_PLUS_ONE, REPEATED_QUERY", CLASS, "Loop.java", 9))
        .hasMessageStartingWith("Loop.java:9: cannot read the label at ', REPEATED_QUERY'");
    assertThatThrownBy(() -> CorpusLabels.parse("run(); // expect: scope=\"x\"", CLASS, "Loop.java", 9))
        .hasMessageStartingWith("Loop.java:9: the label names no finding type");
  }

  @Test
  void scoresMatchNestedClassesByTheirTopLevelClassAndCountEachFindingOnce() throws Exception {
    List<ExpectedFinding> expected =
        List.of(
            new ExpectedFinding("N_PLUS_ONE", CLASS, 10, null, "Loop.java", "a"),
            new ExpectedFinding("N_PLUS_ONE", CLASS, 20, "GET /x/{id}", "Loop.java", "b"));
    List<FindingEntry> findings =
        List.of(
            finding("N_PLUS_ONE", CLASS + "$Controller", 20, "GET /x/{id}"),
            finding("N_PLUS_ONE", CLASS + "$Controller", 20, "GET /x/{id}"),
            finding("N_PLUS_ONE", CLASS + "$Owner$HibernateProxy", -1, null));

    CorpusScore score = CorpusScore.of(expected, findings, "example.corpus");

    assertThat(score.matched()).isEqualTo(1);
    assertThat(score.falsePositives()).hasSize(2);
    assertThat(score.falseNegatives()).extracting(ExpectedFinding::line).containsExactly(10);
    assertThat(score.figures()).isEqualTo("precision 33.3% (1/3), recall 50.0% (1/2)");
    assertThat(score.table(List.of("Loop", "Quiet")))
        .contains("Loop ", "Quiet ", "<--")
        .contains("N_PLUS_ONE at example.corpus.Loop$Owner$HibernateProxy.getName(Unknown Source:-1)");
  }

  private static FindingEntry finding(String type, String className, int line, String scope) throws Exception {
    String json =
        "{\"type\":\"" + type + "\"," + (scope == null ? "" : "\"scope\":\"" + scope + "\",")
            + "\"count\":3,\"statement\":\"select ?\",\"callSite\":{\"className\":\"" + className
            + "\",\"methodName\":\"getName\",\"lineNumber\":" + line + "}}";
    return new FindingEntry(new ObjectMapper().readTree(json));
  }
}
