package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import example.tests.TestsServedOverHttp;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.SourceMarkers;
import io.querylens.analyzer.capture.CapturedQueries;
import io.querylens.analyzer.capture.CapturedStatement;
import io.querylens.analyzer.report.Finding;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The channel test frameworks use, end to end: {@link TestsServedOverHttp} plays a test framework in a
 * child JVM under the agent, with embedded Tomcat serving requests in the same JVM; what the agent's
 * {@code TestHooks} hand back (JSON) must hold exactly the statements of each test, including those its
 * requests ran on Tomcat's threads, and nothing of a parallel test's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapturedTestsIT {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final String LOOKUP = "select name from customers where id = ?";
  private static final String ORDERS = "select id, customer_id from orders order by id";
  private static final String COUNT = "select count(*) from customers";

  private final Map<String, CapturedQueries> captures = new HashMap<>();

  @BeforeAll
  void runTheTests() throws Exception {
    ChildResult child = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "tests"))
        .withAgent("lockWaitThreshold=200ms,slowQueryThreshold=30s")
        .main(TestsServedOverHttp.class)
        .run()
        .assertExitedNormally();
    for (String line : child.stdoutLines()) {
      if (line.startsWith("capture ")) {
        String[] parts = line.split(" ", 3);
        captures.put(parts[1], JSON.readValue(parts[2], CapturedQueries.class));
      }
    }
    assertThat(child.stdoutLines()).contains("workload done");
  }

  @Test
  void aRequestSentByTheOnlyRunningTestCountsForItWithTheN1ItsServerThreadRan() {
    CapturedQueries alone = captures.get("alone");

    assertThat(alone.statements()).extracting(CapturedStatement::statement, CapturedStatement::executions)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ORDERS, 1L),
            org.assertj.core.groups.Tuple.tuple(LOOKUP, 4L));
    assertThat(alone.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("N_PLUS_ONE");
      assertThat(finding.scopeKind()).isEqualTo("request");
      assertThat(finding.callSite().toString()).isEqualTo("example.tests.TestsServedOverHttp$OrdersServlet.doGet"
          + "(TestsServedOverHttp.java:" + SourceMarkers.line(TestsServedOverHttp.class, "server-lookup") + ")");
      assertThat(finding.parent().statement()).isEqualTo(ORDERS);
    });
    assertThat(alone.unattributedRequests()).isZero();
  }

  @Test
  void parallelTestsNamingThemselvesGetExactlyTheirOwnRequestsStatements() {
    assertThat(captures.get("headerA").statements()).extracting(CapturedStatement::statement)
        .containsExactly(ORDERS, LOOKUP);
    assertThat(captures.get("headerB").statements()).extracting(CapturedStatement::statement)
        .containsExactly(COUNT);
    assertThat(captures.get("headerB").findings()).isEmpty();
  }

  @Test
  void parallelTestsThatDoNotNameThemselvesGetNeitherRequestAndAreToldSo() {
    for (String test : new String[] {"bareA", "bareB"}) {
      CapturedQueries captured = captures.get(test);
      assertThat(captured.statements()).as(test).isEmpty();
      assertThat(captured.findings()).as(test).isEmpty();
      assertThat(captured.unattributedRequests()).as(test).isEqualTo(2);
    }
  }

  @Test
  void aLockWaitConfirmedWhileTheTestRanIsItsFinding() {
    CapturedQueries lockWait = captures.get("lockWait");

    assertThat(lockWait.statements()).extracting(CapturedStatement::statement)
        .containsExactly("update stock set quantity = quantity + ? where product_id = ?");
    assertThat(lockWait.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.type()).isEqualTo("LOCK_WAIT");
      assertThat(finding.callSite().lineNumber())
          .isEqualTo(SourceMarkers.line(TestsServedOverHttp.class, "test-update"));
      assertThat(finding.blocker().thread()).isEqualTo("blocker");
      assertThat(finding.totalMs()).isGreaterThan(200);
    });
  }

  @Test
  void whatRanWhilePausedOrBeforeAResetIsNotCounted() {
    CapturedQueries paused = captures.get("paused");

    assertThat(paused.statements()).extracting(CapturedStatement::statement)
        .containsExactly("select max(id) from customers");
    assertThat(paused.findings()).extracting(Finding::type).isEmpty();
  }
}
