package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.it.support.AgentJar;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Classpaths;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.workload.IsolatedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * An application that ships its own ByteBuddy (1.14.18) and Jackson (2.17.2), other versions than the ones
 * shaded into the agent, runs unchanged under it: it gets its own classes, and the agent still records its
 * statements.
 */
class ApplicationIsolationIT {

  private static final String APP_BYTEBUDDY = "1.14.18";
  private static final String APP_JACKSON = "2.17.2";

  @Test
  void anApplicationBundlingItsOwnByteBuddyAndJacksonRunsUnchangedUnderTheAgent() throws IOException {
    List<Path> classpath = new ArrayList<>();
    try (Stream<Path> jars = Files.list(AgentJar.applicationLibraries())) {
      classpath.addAll(jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList()));
    }
    classpath.add(Classpaths.locationOf(org.h2.Driver.class));
    classpath.add(Classpaths.locationOf(IsolatedApp.class));
    String token = "iso" + Long.toString(ProcessHandle.current().pid(), 36);

    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "isolated-app"))
            .withAgent()
            .classpath(classpath)
            .main(IsolatedApp.class, token)
            .run()
            .assertExitedNormally();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdoutLines())
        .as("the application's own libraries\n%s", child.describe())
        .contains(
            "ByteBuddy " + APP_BYTEBUDDY + " from byte-buddy-" + APP_BYTEBUDDY + ".jar",
            "generated made by the application's ByteBuddy",
            "Jackson " + APP_JACKSON + " from jackson-databind-" + APP_JACKSON + ".jar",
            "JSON {\"id\":42,\"items\":[\"tea\",\"milk\"]}",
            "rows " + IsolatedApp.ROWS,
            "workload done");
    softly.assertThat(child.stderr())
        .as("no linkage trouble or stack trace\n%s", child.describe())
        .doesNotContain("LinkageError", "NoSuchMethodError", "NoClassDefFoundError", "ClassCastException", "\tat ");
    softly.assertAll();

    QueryReport report = child.report();
    String table = IsolatedApp.table(token);
    report.assertCalls("create table " + table, 1);
    report.assertCalls("insert into " + table, IsolatedApp.ROWS);
    report.assertCalls("select id, label from " + table, 1);
    assertThat(report.query("select id, label from " + table).rows()).as("rows read").isEqualTo(IsolatedApp.ROWS);
  }

  @Test
  void theAgentJarHoldsNoClassOutsideItsOwnPackage() throws IOException {
    List<String> strays = new ArrayList<>();
    try (JarFile jar = new JarFile(AgentJar.path().toFile())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        String path = name.replaceFirst("^META-INF/versions/\\d+/", "");
        if (path.endsWith(".class") && !path.startsWith("io/querylens/")) {
          strays.add(name);
        }
      }
    }
    assertThat(strays)
        .as("classes that are not relocated under io/querylens/ (they would clash with the application's own)")
        .isEmpty();
  }
}
