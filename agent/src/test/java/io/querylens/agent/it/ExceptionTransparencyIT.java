package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.faults.ExceptionCases;
import io.querylens.agent.it.support.AppTranscript;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.TestDatabase;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, part 2: the application sees exactly what the driver throws, with and without the agent. {@link
 * ExceptionCases} runs on H2, PostgreSQL and MariaDB, once without and once with the agent, and prints for each
 * failure it caught (syntax error, primary-key violation, a closed connection used, {@code setQueryTimeout}, a batch
 * failing in its third row, a closed statement used) the exception's class, message, SQLState, vendor code, update
 * counts, causes and next exception, the frame that threw it, the driver frame the application called and the
 * application's own frames. All of it must be the same; MariaDB's connection id in its messages ({@code
 * (conn=N)}), different for every connection, is the one thing set aside. The agent, for its part, must count each
 * failed statement as the application's error and none as its own.
 */
class ExceptionTransparencyIT {

  private static final List<String> CASES = List.of("syntax error", "constraint violation", "closed connection",
      "timeout", "batch failure", "closed statement");

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void theApplicationCatchesWhatTheDriverThrowsAsIfTheAgentWereAbsent(TestDatabase database) {
    database.requireReachable();
    String table = RunToken.next("ql_exc_");
    String url = database.isInMemory() ? "jdbc:h2:mem:exceptions;DB_CLOSE_DELAY=-1" : database.url();
    try {
      ChildResult without = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem() + "-without"))
          .main(ExceptionCases.class, url, table)
          .run()
          .assertExitedNormally();
      ChildResult with = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem() + "-with"))
          .withAgent("consoleSummary=false,slowQueryThreshold=30s")
          .main(ExceptionCases.class, url, table)
          .run()
          .assertExitedNormally();

      List<String> expected = AppTranscript.caught(without);
      assertThat(expected).as("what the application caught without the agent\n%s", without.describe())
          .hasSize(CASES.size());
      for (int i = 0; i < CASES.size(); i++) {
        assertThat(expected.get(i)).as("case %d", i).startsWith("caught " + CASES.get(i) + ": ");
      }
      SoftAssertions softly = new SoftAssertions();
      List<String> actual = AppTranscript.caught(with);
      for (int i = 0; i < CASES.size(); i++) {
        softly.assertThat(i < actual.size() ? actual.get(i) : "(nothing caught)")
            .as("%s on %s, with the agent\n%s", CASES.get(i), database, with.describe())
            .isEqualTo(expected.get(i));
      }
      softly.assertThat(AppTranscript.of(with)).as("everything the application printed")
          .isEqualTo(AppTranscript.of(without));
      QueryReport report = with.report();
      softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors\n%s", with.describe()).isZero();
      softly.assertThat(report.query("selec id from " + table).errors()).as("the syntax error, counted").isEqualTo(1);
      String duplicateKey = sqlStateOf(expected.get(CASES.indexOf("constraint violation")));
      softly.assertThat(report.query("insert into " + table).errorsBySqlState())
          .as("errors of the insert by SQLState: the duplicate key alone and in the batch")
          .containsEntry(duplicateKey, 2L);
      softly.assertThat(with.stderr()).as("stack traces on stderr").doesNotContain("\tat ");
      softly.assertAll();
    } finally {
      database.dropTablesIfExist(List.of(table));
    }
  }

  /** The {@code sqlState=} field of a {@code caught} line. */
  private static String sqlStateOf(String caught) {
    Matcher matcher = Pattern.compile("\\| sqlState=(\\S+) \\|").matcher(caught);
    assertThat(matcher.find()).as("a SQLState in %s", caught).isTrue();
    return matcher.group(1);
  }
}
