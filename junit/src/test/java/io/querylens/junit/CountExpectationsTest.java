package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;

import example.cases.CountCases;
import example.cases.MisuseCases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@code @ExpectQueries} and {@code @ExpectMaxQueries}, judged by running example tests under the agent. */
class CountExpectationsTest {
  private static final String ONE_OF_EACH = """
      Statements run by the test (4):
           1 × insert into item(id, name) values (?+)
           1 × select name from item where id = ?
           1 × update item set name = ? where id = ?
           1 × delete from item where id = ?""";

  private static Examples exact;
  private static Examples max;

  @BeforeAll
  static void runExamples() {
    exact = Examples.run(CountCases.ExactCounts.class);
    max = Examples.run(CountCases.MaxCounts.class);
  }

  @Test
  void exactCountsThatMatchPass() {
    exact.assertPassed("oneOfEachKind");
  }

  @Test
  void tooManySelectsFailWithTheCountsAndTheStatements() {
    assertThat(exact.message("selectBreach")).isEqualTo(Examples.expectedSelectBreachMessage());
  }

  @Test
  void tooManyInsertsFail() {
    assertThat(exact.message("insertBreach")).isEqualTo("""
        QueryLens: ExactCounts.insertBreach() broke 1 query expectation
          INSERT: expected 1 but was 2 (@ExpectQueries)
        Statements run by the test (4):
             2 × insert into item(id, name) values (?+)
             2 × delete from item where id = ?""");
  }

  @Test
  void anUnexpectedUpdateFails() {
    assertThat(exact.message("updateBreach")).isEqualTo("""
        QueryLens: ExactCounts.updateBreach() broke 1 query expectation
          UPDATE: expected 0 but was 1 (@ExpectQueries)
        """ + ONE_OF_EACH);
  }

  @Test
  void tooFewDeletesFail() {
    assertThat(exact.message("deleteBreach")).isEqualTo("""
        QueryLens: ExactCounts.deleteBreach() broke 1 query expectation
          DELETE: expected 2 but was 1 (@ExpectQueries)
        """ + ONE_OF_EACH);
  }

  @Test
  void anotherTotalFails() {
    assertThat(exact.message("totalBreach")).isEqualTo("""
        QueryLens: ExactCounts.totalBreach() broke 1 query expectation
          total: expected 3 but was 4 (@ExpectQueries)
        """ + ONE_OF_EACH);
  }

  @Test
  void everyBreachIsListedInOneFailure() {
    assertThat(exact.failure("everyBreachAtOnce")).isInstanceOf(org.opentest4j.AssertionFailedError.class);
    assertThat(exact.message("everyBreachAtOnce")).isEqualTo("""
        QueryLens: ExactCounts.everyBreachAtOnce() broke 5 query expectations
          SELECT: expected 0 but was 1 (@ExpectQueries)
          INSERT: expected 0 but was 1 (@ExpectQueries)
          UPDATE: expected 0 but was 1 (@ExpectQueries)
          DELETE: expected 0 but was 1 (@ExpectQueries)
          total: expected 0 but was 4 (@ExpectQueries)
        """ + ONE_OF_EACH);
  }

  @Test
  void upperBoundsPassAtAndBelowThem() {
    max.assertPassed("atTheBounds");
    max.assertPassed("belowTheBounds");
  }

  @Test
  void upperBoundsFailAboveThem() {
    assertThat(max.message("aboveTheBounds")).isEqualTo("""
        QueryLens: MaxCounts.aboveTheBounds() broke 2 query expectations
          SELECT: expected at most 1 but was 3 (@ExpectMaxQueries)
          total: expected at most 2 but was 3 (@ExpectMaxQueries)
        Statements run by the test (3):
             2 × select name from item where id = ?
             1 × select count(*) from item""");
  }

  @Test
  void aMethodsAnnotationReplacesTheClasss() {
    Examples examples = Examples.run(CountCases.ClassAndMethod.class);

    examples.assertPassed("methodLevelReplacesIt");
    assertThat(examples.message("classLevelApplies")).isEqualTo("""
        QueryLens: ClassAndMethod.classLevelApplies() broke 1 query expectation
          SELECT: expected 1 but was 2 (@ExpectQueries)
        Statements run by the test (2):
             2 × select name from item where id = ?""");
  }

  @Test
  void eachInvocationOfATemplateIsJudgedAndNamedByItsDisplayName() {
    Examples examples = Examples.run(CountCases.Templates.class);

    examples.assertPassed("perInvocation [1] 1");
    assertThat(examples.message("perInvocation [2] 2")).isEqualTo("""
        QueryLens: Templates.perInvocation() [2] 2 broke 1 query expectation
          SELECT: expected 1 but was 2 (@ExpectQueries)
        Statements run by the test (2):
             2 × select name from item where id = ?""");
  }

  @Test
  void aNestedClassIsUnderItsEnclosingClasssAnnotations() {
    Examples examples = Examples.run(CountCases.Templates.class);

    assertThat(examples.message("underTheEnclosingClasssAnnotation"))
        .startsWith("QueryLens: Inner.underTheEnclosingClasssAnnotation() broke 1 query expectation\n"
            + "  SELECT: expected 1 but was 2 (@ExpectQueries)\n");
  }

  @Test
  void beforeEachAndAfterEachAreNotCountedAndKindsFollowTheOperation() {
    Examples examples = Examples.run(CountCases.WhatIsCounted.class);

    examples.assertPassed("beforeEachIsNotCounted");
    examples.assertPassed("withSelectIsASelect");
    examples.assertPassed("otherStatementsCountInTotalOnly");
    examples.assertPassed("aBatchIsOneExecution");
  }

  @Test
  void annotationsThatCanNeverWorkAreConfigurationErrors() {
    Examples examples = Examples.run(MisuseCases.class);

    assertThat(examples.failure("checksNothing"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@ExpectQueries checks nothing: give at least one of select, insert, update, delete or total,"
            + " e.g. @ExpectQueries(select = 1)");
    assertThat(examples.failure("negativeCount"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@ExpectMaxQueries(select = -2) is not a count: give 0 or more, or leave it out (-1) not to"
            + " check it");
    assertThat(examples.failure("zeroTime"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@ExpectMaxQueryTime(0) is not a duration: give the longest an execution may take, in"
            + " milliseconds, e.g. @ExpectMaxQueryTime(200)");
  }
}
