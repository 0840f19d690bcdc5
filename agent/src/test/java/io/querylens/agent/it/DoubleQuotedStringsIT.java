package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.privacy.DoubleQuotedStrings;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * MariaDB (like MySQL) reads {@code "..."} as a string by default, where standard SQL reads a quoted
 * identifier: the agent must take the value out of such a statement as it does for {@code '...'},
 * or it would keep an e-mail address in its reports. {@link PrivacyIT} covers the other literals on
 * H2 and PostgreSQL.
 */
class DoubleQuotedStringsIT {
  private static final int LOOKUPS = 5;

  @Test
  void aValueInDoubleQuotesOnMariaDbReachesNoReportAndTheLookupsAreOneStatement() throws IOException {
    TestDatabase.MARIADB.requireReachable();
    String token = RunToken.next("dq");
    String table = "ql_dq_" + token;
    Path workDir = RunDirectory.create(getClass(), "mariadb");
    ChildResult child = ChildJvm.on(Jdk.CURRENT, workDir)
        .withAgent("")
        .main(DoubleQuotedStrings.class, TestDatabase.MARIADB.url(), table, token, Integer.toString(LOOKUPS))
        .run()
        .assertExitedNormally();
    QueryReport report = child.cleanReport();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdout()).as("the lookup found its row").contains("rows=1");
    QueryEntry lookup = report.query("select id from " + table + " where email = ?");
    softly.assertThat(lookup.calls()).as("five lookups with five values are one statement\n%s",
        report.statementsListing()).isEqualTo(LOOKUPS);
    List<Path> outputs;
    try (Stream<Path> files = Files.walk(workDir)) {
      outputs = files.filter(Files::isRegularFile).toList();
    }
    softly.assertThat(outputs).as("the reports and the child's output").hasSizeGreaterThanOrEqualTo(4);
    for (Path output : outputs) {
      softly.assertThat(Files.readString(output, StandardCharsets.UTF_8)).as("%s", workDir.relativize(output))
          .doesNotContain(token + "-");
    }
    softly.assertAll();
    assertThat(report.queriesContaining("@example.com")).as("statements keeping an address").isEmpty();
  }
}
