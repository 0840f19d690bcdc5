package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClasspathsTest {

  @Test
  void childrenReachTheAgentOnlyThroughItsJarButKeepTheApplicationSideApi() {
    assertThat(Classpaths.isQueryLensCode(Path.of("/w/agent/target/classes"))).isTrue();
    assertThat(Classpaths.isQueryLensCode(Path.of("/w/analyzer/target/classes/"))).isTrue();
    assertThat(Classpaths.isQueryLensCode(Path.of("/m2/querylens-exporter-0.1.0-SNAPSHOT.jar"))).isTrue();

    assertThat(Classpaths.isQueryLensCode(Path.of("/m2/querylens-api-0.1.0-SNAPSHOT.jar"))).isFalse();
    assertThat(Classpaths.isQueryLensCode(Path.of("/w/api/target/classes"))).isFalse();
    assertThat(Classpaths.isQueryLensCode(Path.of("/w/agent/target/test-classes"))).isFalse();
    assertThat(Classpaths.isQueryLensCode(Path.of("/m2/h2-2.3.232.jar"))).isFalse();
  }
}
