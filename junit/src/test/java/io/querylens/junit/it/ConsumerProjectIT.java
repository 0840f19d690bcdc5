package io.querylens.junit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.junit.it.SurefireReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Builds {@code src/it/consumer}, a Spring Boot shop that uses querylens-junit the way
 * docs/testing.md tells users to, against the artifacts of this build, and reads what its tests
 * reported: once with the agent on surefire's argLine, checking the baseline the project commits;
 * once with nothing on the command line, recording the baseline anew.
 *
 * <p>The consumer's tests pass or fail on purpose; these assertions hold the exact failure messages,
 * so a change to what users read fails this build. The line the N+1 is reported at is looked up in
 * the consumer's source by its marker comment.
 */
class ConsumerProjectIT {
  static final String SERVICE = "src/main/java/com/example/shop/OrderService.java";
  static final String N_PLUS_ONE_MARKER = "// N+1: loads each customer";
  static final String BASELINE = "querylens-baseline.json";

  static final String ORDERS_QUERY =
      "select po1_0.id, po1_0.customer_id, po1_0.total from purchase_order po1_0 order by po1_0.id";
  static final String CUSTOMER_QUERY = "select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?";
  static final String ORDERS_WITH_CUSTOMERS_QUERY = "select po1_0.id, po1_0.customer_id, c1_0.id, c1_0.name,"
      + " po1_0.total from purchase_order po1_0 join customer c1_0 on c1_0.id = po1_0.customer_id order by po1_0.id";
  /** What {@code OrderService.listOrders()} runs: the orders, then each of the four customers. */
  static final String N_PLUS_ONE_STATEMENTS =
      "Statements run by the test (5):\n"
          + "     1 × " + ORDERS_QUERY + "\n"
          + "     4 × " + CUSTOMER_QUERY;

  @Nested
  class WithTheAgentOnTheArgLineCheckingTheBaseline extends ConsumerTestCase {
    WithTheAgentOnTheArgLineCheckingTheBaseline() {
      super("argline");
    }

    @Test
    void theExtensionAttachesNothing() {
      assertThat(build.output()).doesNotContain("QueryLens: attached the agent");
    }

    @Test
    void aTestThatRunsMoreThanItsBaselineFailsWithWhatGrew() {
      Outcome outcome = build.report("OrderServiceTest").outcome("listsOrdersWithinItsBaseline");

      assertThat(outcome.status()).as("%s", outcome).isEqualTo("failure");
      assertThat(outcome.message()).isEqualTo(
          "QueryLens: OrderServiceTest.listsOrdersWithinItsBaseline() broke 1 query expectation\n"
              + "  Baseline exceeded: total 5 (baseline 1) in " + build.file(BASELINE) + "\n"
              + "    +1  " + ORDERS_QUERY + " (baseline 0, now 1)\n"
              + "    +4  " + CUSTOMER_QUERY + " (baseline 0, now 4)\n"
              + "    If the increase is intended, record the baseline again:"
              + " mvn test -Dquerylens.baseline.record=true\n"
              + N_PLUS_ONE_STATEMENTS);
    }
  }

  @Nested
  class WithNothingOnTheCommandLineRecordingTheBaseline extends ConsumerTestCase {
    WithNothingOnTheCommandLineRecordingTheBaseline() {
      super("self-attach", "-Dquerylens.baseline.record=true");
    }

    @Test
    void theExtensionAttachesTheAgentFromTheTestClassPath() {
      assertThat(build.output().lines())
          .filteredOn(line -> line.startsWith("QueryLens: attached the agent"))
          .singleElement(InstanceOfAssertFactories.STRING)
          .matches("QueryLens: attached the agent to this test JVM \\(.*/it-repo/io/querylens/querylens-agent/"
              + "0\\.1\\.0-SNAPSHOT/querylens-agent-0\\.1\\.0-SNAPSHOT\\.jar\\)"
              // JDK 21 and later: how to silence the JVM's warning
              + "(; add -XX:\\+EnableDynamicAgentLoading .*)?");
    }

    @Test
    void recordingPassesTheTestItsBaselineHeldBack() {
      Outcome outcome = build.report("OrderServiceTest").outcome("listsOrdersWithinItsBaseline");

      assertThat(outcome.passed()).as("%s", outcome).isTrue();
    }

    @Test
    void recordingRewritesTheBaselineWithEveryTestThatRan() throws Exception {
      assertThat(Files.readString(build.file(BASELINE), StandardCharsets.UTF_8)).isEqualTo(
          "{\n"
              + "  \"schemaVersion\": 1,\n"
              + "  \"tests\": {\n"
              + entry("OrderControllerTest#listsOrdersInOneQuery()", 1, ORDERS_WITH_CUSTOMERS_QUERY, 1) + ",\n"
              + entry("OrderControllerTest#listsOrdersInOneQueryForTheTestTheRequestNames(QueryRecording)", 1,
                  ORDERS_WITH_CUSTOMERS_QUERY, 1) + ",\n"
              + entry("OrderServiceTest#listsOrdersInOneQuery()", 5, CUSTOMER_QUERY, 4, ORDERS_QUERY, 1) + ",\n"
              + entry("OrderServiceTest#listsOrdersWithCustomersInOneQuery()", 1, ORDERS_WITH_CUSTOMERS_QUERY, 1)
              + ",\n"
              + entry("OrderServiceTest#listsOrdersWithinItsBaseline()", 5, CUSTOMER_QUERY, 4, ORDERS_QUERY, 1)
              + ",\n"
              + entry("OrderServiceTest#listsOrdersWithoutNPlusOne()", 5, CUSTOMER_QUERY, 4, ORDERS_QUERY, 1) + "\n"
              + "  }\n"
              + "}\n");
    }

    /** One test's entry, as the baseline file indents it; {@code statements} alternate text and count. */
    private String entry(String test, long total, Object... statements) {
      StringBuilder sb = new StringBuilder("    \"com.example.shop.").append(test).append("\": {\n")
          .append("      \"total\": ").append(total).append(",\n")
          .append("      \"statements\": {\n");
      for (int i = 0; i < statements.length; i += 2) {
        sb.append("        \"").append(statements[i]).append("\": ").append(statements[i + 1])
            .append(i + 2 < statements.length ? ",\n" : "\n");
      }
      return sb.append("      }\n").append("    }").toString();
    }
  }

  /** What both ways of loading the agent must report alike. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class ConsumerTestCase {
    private final String profile;
    private final String[] options;
    ConsumerBuild build;

    ConsumerTestCase(String profile, String... options) {
      this.profile = profile;
      this.options = options;
    }

    @BeforeAll
    void buildTheConsumer() throws Exception {
      build = ConsumerBuild.run(profile, options);
      assertThat(build.exitCode)
          .as("mvn test -P%s exited with %d:%n%s", profile, build.exitCode, build.tail(60))
          .isZero();
      List<String> fromCentral = ConsumerBuild.takenFromCentral();
      if (!fromCentral.isEmpty()) {
        System.out.println("ConsumerProjectIT: the consumer build took these from Maven Central; name them"
            + " in the invoker plugin's extraArtifacts (junit/pom.xml) so that later runs work offline:\n  "
            + String.join("\n  ", fromCentral));
      }
    }

    @Test
    void theAgentSaysOnlyThatItStarted() {
      // a stray "querylens:" warning would be printed in every user's test run
      assertThat(build.output().lines().filter(line -> line.startsWith("querylens:")))
          .singleElement(InstanceOfAssertFactories.STRING)
          .matches("querylens: agent 0\\.1\\.0-SNAPSHOT (started|attached) in \\d+ ms;"
              + " report in .*/" + profile + "/target/querylens-report");
    }

    @Test
    void aTestThatRunsTheExpectedQueriesPasses() {
      Outcome outcome = build.report("OrderServiceTest").outcome("listsOrdersWithCustomersInOneQuery");

      assertThat(outcome.passed()).as("%s", outcome).isTrue();
    }

    @Test
    void aCountBreachFailsTheTestWithTheCountsAndEveryStatement() {
      Outcome outcome = build.report("OrderServiceTest").outcome("listsOrdersInOneQuery");

      assertThat(outcome.status()).as("%s", outcome).isEqualTo("failure");
      assertThat(outcome.message()).isEqualTo(
          "QueryLens: OrderServiceTest.listsOrdersInOneQuery() broke 1 query expectation\n"
              + "  SELECT: expected 1 but was 5 (@ExpectQueries)\n"
              + N_PLUS_ONE_STATEMENTS);
    }

    @Test
    void anNPlusOneFailsTheTestAtTheLineOfTheLoop() throws Exception {
      int line = build.lineOf(SERVICE, N_PLUS_ONE_MARKER);
      Outcome outcome = build.report("OrderServiceTest").outcome("listsOrdersWithoutNPlusOne");

      assertThat(outcome.status()).as("%s", outcome).isEqualTo("failure");
      assertThat(outcome.message()).isEqualTo(
          "QueryLens: OrderServiceTest.listsOrdersWithoutNPlusOne() broke 1 query expectation\n"
              + "  N+1 query at com.example.shop.OrderService.listOrders(OrderService.java:" + line + ")"
              + " (@NoNPlusOne)\n"
              + "    4 executions of: " + CUSTOMER_QUERY + "\n"
              + "    parent query: " + ORDERS_QUERY + " (8 rows)\n"
              + "    fix: Fetch the association with the parent query: JOIN FETCH in the JPQL, or an @EntityGraph;"
              + " or let Hibernate load it in batches with @BatchSize on the association or"
              + " hibernate.default_batch_fetch_size.\n"
              + N_PLUS_ONE_STATEMENTS);
    }

    @Test
    void statementsRunWhileServingTheTestsRequestCountForTheTest() {
      Outcome outcome = build.report("OrderControllerTest").outcome("listsOrdersInOneQuery");

      assertThat(outcome.passed()).as("%s", outcome).isTrue();
    }

    @Test
    void aRequestCarryingTheTestsHeaderCountsForTheTest() {
      Outcome outcome =
          build.report("OrderControllerTest").outcome("listsOrdersInOneQueryForTheTestTheRequestNames(QueryRecording)");

      assertThat(outcome.passed()).as("%s", outcome).isTrue();
    }
  }
}
