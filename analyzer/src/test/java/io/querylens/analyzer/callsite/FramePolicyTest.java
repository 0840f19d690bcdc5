package io.querylens.analyzer.callsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramePolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "java.util.ArrayList",
      "jdk.internal.reflect.DirectMethodHandleAccessor",
      "org.hibernate.loader.ast.internal.SingleIdLoadPlan",
      "org.springframework.data.jpa.repository.support.SimpleJpaRepository",
      "org.springframework.jdbc.core.JdbcTemplate",
      "com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
      "org.h2.jdbc.JdbcPreparedStatement",
      "org.junit.platform.commons.util.ReflectionUtils",
      "io.querylens.analyzer.scope.ScopeTracker",
      "io.querylens.agent.jdbc.StatementAdvice"})
  void theDefaultPolicyRejectsTheJdkDriversPoolsFrameworksAndQueryLens(String className) {
    assertThat(FramePolicy.defaults().isApplication(className)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdk.proxy3.$Proxy12",
      "com.example.$Proxy7",
      "com.example.OwnerService$$SpringCGLIB$$0",
      "com.example.OwnerService$$EnhancerBySpringCGLIB$$1a2b",
      "com.example.Pet$HibernateProxy",
      "com.example.Pet$HibernateProxy$abc",
      "com.example.Pet$HibernateProxy$0aQc2p",
      "com.example.Owner$ByteBuddy$x1",
      "com.example.OwnerService$$Lambda/0x0000000800c0b000"})
  void theDefaultPolicyRejectsGeneratedClassesInApplicationPackages(String className) {
    assertThat(FramePolicy.defaults().isApplication(className)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "com.example.OwnerController",
      "com.example.OwnerController$Row",
      "javaapp.Main",
      "Main"})
  void theDefaultPolicyAcceptsEverythingElse(String className) {
    assertThat(FramePolicy.defaults().isApplication(className)).isTrue();
  }

  @Test
  void aLambdaBodyIsAMethodOfItsOwnClass() {
    // The body of a lambda is a synthetic method (lambda$run$0) of the class that wrote it; only the
    // hidden class that implements the interface is generated.
    StackCapture capture = new StackCapture(FramePolicy.defaults());

    CapturedStack stack = capture.read(FakeFrames.of(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerService.lambda$run$0:42",
        "com.example.OwnerService$$Lambda/0x0000000800c0b000.run",
        "com.example.OwnerService.run:40"));

    assertThat(stack.callSite()).isEqualTo(
        new CapturedStack.StackLine("com.example.OwnerService", "lambda$run$0", "OwnerService.java", 42));
    assertThat(stack.frames()).containsExactly(
        "com.example.OwnerService.lambda$run$0(OwnerService.java:42)",
        "com.example.OwnerService.run(OwnerService.java:40)");
  }

  @Test
  void withAppPackagesOnlyThosePackagesAreTheApplications() {
    FramePolicy policy = FramePolicy.appPackages(List.of("com.acme", "org.example.shop"));

    assertThat(policy.isApplication("com.acme.OwnerController")).isTrue();
    assertThat(policy.isApplication("com.acme.owner.web.OwnerController")).isTrue();
    assertThat(policy.isApplication("org.example.shop.Cart")).isTrue();
    assertThat(policy.isApplication("com.acmetools.Util")).isFalse();
    assertThat(policy.isApplication("org.example.other.Util")).isFalse();
    assertThat(policy.isApplication("com.example.OwnerController")).isFalse();
    assertThat(policy.isApplication("Main")).isFalse();
  }

  @Test
  void appPackagesMayNameFrameworkPackages() {
    // Spring PetClinic lives under org.springframework, which the default policy rejects.
    FramePolicy policy = FramePolicy.appPackages(List.of("org.springframework.samples.petclinic"));

    assertThat(policy.isApplication("org.springframework.samples.petclinic.owner.OwnerController")).isTrue();
    assertThat(policy.isApplication("org.springframework.data.jpa.repository.support.SimpleJpaRepository")).isFalse();
    // Spring's sample applications are applications even without appPackages.
    assertThat(FramePolicy.defaults().isApplication("org.springframework.samples.petclinic.owner.OwnerController"))
        .isTrue();
  }

  @Test
  void theSampleApplicationIsAnApplicationThoughItLivesUnderQueryLensPackages() {
    FramePolicy policy = FramePolicy.defaults();

    assertThat(policy.isApplication("io.querylens.sample.orders.OrderListingService")).isTrue();
    assertThat(policy.isApplication("io.querylens.agent.record.Recorder")).isFalse();
    assertThat(policy.isApplication("io.querylens.shaded.net.bytebuddy.asm.Advice")).isFalse();
  }

  @Test
  void appPackagesStillRejectGeneratedClasses() {
    FramePolicy policy = FramePolicy.appPackages(List.of("com.acme"));

    assertThat(policy.isApplication("com.acme.OwnerService$$SpringCGLIB$$0")).isFalse();
    assertThat(policy.isApplication("com.acme.Pet$HibernateProxy$abc")).isFalse();
    assertThat(policy.isApplication("com.acme.$Proxy12")).isFalse();
  }

  @Test
  void appPackagesAreTrimmedAndMayEndInADot() {
    FramePolicy policy = FramePolicy.appPackages(List.of(" com.acme. "));

    assertThat(policy.isApplication("com.acme.OwnerController")).isTrue();
    assertThat(policy.isApplication("com.acmetools.Util")).isFalse();
  }

  @Test
  void noAppPackagesMeansTheDefaultPolicy() {
    FramePolicy policy = FramePolicy.appPackages(List.of());

    assertThat(policy.isApplication("com.example.OwnerController")).isTrue();
    assertThat(policy.isApplication("org.hibernate.Session")).isFalse();
  }

  @Test
  void aNestedClassNamedLikeAProxyIsApplicationCode() {
    assertThat(FramePolicy.defaults().isApplication("com.example.HttpClient$ProxySettings")).isTrue();
  }
}
