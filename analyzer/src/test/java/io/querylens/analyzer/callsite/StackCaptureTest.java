package io.querylens.analyzer.callsite;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.callsite.CapturedStack.StackLine;
import io.querylens.analyzer.callsite.app.FakeApplication;
import io.querylens.analyzer.callsite.app.FakeApplication.CapturedAt;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StackCaptureTest {
  private final StackCapture capture = new StackCapture(FramePolicy.defaults());

  private CapturedStack read(String... frames) {
    return capture.read(FakeFrames.of(frames));
  }

  @Test
  void theCallSiteIsTheFirstApplicationFrame() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery:210",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery:52",
        "com.example.owner.OwnerDao.findPets:27",
        "com.example.owner.OwnerController.show:15",
        "org.springframework.web.servlet.DispatcherServlet.doDispatch:1089",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter:166");

    assertThat(stack.callSite())
        .isEqualTo(new StackLine("com.example.owner.OwnerDao", "findPets", "OwnerDao.java", 27));
    assertThat(stack.callSite()).hasToString("com.example.owner.OwnerDao.findPets(OwnerDao.java:27)");
    assertThat(stack.frames()).containsExactly(
        "com.example.owner.OwnerDao.findPets(OwnerDao.java:27)",
        "com.example.owner.OwnerController.show(OwnerController.java:15)");
    assertThat(stack.entryPoint()).isEqualTo("OwnerController.show");
  }

  @Test
  void applicationFramesBetweenFrameworkFramesAreAllKept() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery:210",
        "com.example.OwnerDao.findPets:27",
        "org.springframework.transaction.support.TransactionTemplate.execute:140",
        "com.example.OwnerService.lambda$pets$0:33",
        "org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor.intercept:720",
        "com.example.OwnerService$$SpringCGLIB$$0.pets",
        "com.example.OwnerController.show:15");

    assertThat(stack.frames()).containsExactly(
        "com.example.OwnerDao.findPets(OwnerDao.java:27)",
        "com.example.OwnerService.lambda$pets$0(OwnerService.java:33)",
        "com.example.OwnerController.show(OwnerController.java:15)");
  }

  @Test
  void atMostTwentyFramesAreKeptWhileTheEntryPointIsTheOutermostApplicationFrame() {
    List<String> frames = new ArrayList<>();
    frames.add("org.h2.jdbc.JdbcPreparedStatement.executeQuery:210");
    IntStream.range(0, 25).forEach(i -> frames.add("com.example.Step" + i + ".run:" + (100 + i)));
    frames.add("java.lang.Thread.run:833");

    CapturedStack stack = read(frames.toArray(String[]::new));

    assertThat(StackCapture.MAX_FRAMES).isEqualTo(20);
    assertThat(stack.frames()).hasSize(20);
    assertThat(stack.frames().get(0)).isEqualTo("com.example.Step0.run(Step0.java:100)");
    assertThat(stack.frames().get(19)).isEqualTo("com.example.Step19.run(Step19.java:119)");
    assertThat(stack.callSite().className()).isEqualTo("com.example.Step0");
    assertThat(stack.entryPoint()).isEqualTo("Step24.run");
  }

  @Test
  void theEntryPointOfANestedClassKeepsItsOuterClassName() {
    CapturedStack stack = read("org.h2.jdbc.JdbcStatement.execute", "com.example.Importer$Job.run:9");

    assertThat(stack.entryPoint()).isEqualTo("Importer$Job.run");
  }

  @Test
  void aLambdaIsNeverTheEntryPoint() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerDao.find:12",
        "com.example.Jobs.lambda$schedule$0:30",
        "java.util.concurrent.ThreadPoolExecutor.runWorker");

    assertThat(stack.callSite().className()).isEqualTo("com.example.OwnerDao");
    assertThat(stack.frames()).hasSize(2);
    assertThat(stack.entryPoint()).isEqualTo("OwnerDao.find");
  }

  @Test
  void aClassGeneratedWithoutSourceInTheApplicationsPackageIsSkipped() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerRepository$Accessor.find" + FakeFrames.NO_SOURCE,
        "com.example.OwnerService.pets:21");

    assertThat(stack.callSite()).isEqualTo(new StackLine("com.example.OwnerService", "pets", "OwnerService.java", 21));
    // It is still part of how the statement was reached, so the stack keeps it.
    assertThat(stack.frames()).containsExactly(
        "com.example.OwnerRepository$Accessor.find(Unknown Source)", "com.example.OwnerService.pets(OwnerService.java:21)");
    assertThat(stack.entryPoint()).isEqualTo("OwnerService.pets");
  }

  @Test
  void anApplicationWithoutDebugInformationStillHasACallSite() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerDao.find" + FakeFrames.NO_SOURCE,
        "com.example.OwnerController.show" + FakeFrames.NO_SOURCE);

    assertThat(stack.callSite()).isEqualTo(new StackLine("com.example.OwnerDao", "find", null, -1));
    assertThat(stack.callSite()).hasToString("com.example.OwnerDao.find(Unknown Source)");
  }

  @Test
  void anApplicationWithoutDebugInformationStillHasItsFramesAndEntryPoint() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerDao.find" + FakeFrames.NO_SOURCE,
        "com.example.OwnerController.show" + FakeFrames.NO_SOURCE);

    assertThat(stack.frames()).containsExactly(
        "com.example.OwnerDao.find(Unknown Source)", "com.example.OwnerController.show(Unknown Source)");
    assertThat(stack.entryPoint()).isEqualTo("OwnerController.show");
  }

  @Test
  void aStackWithoutApplicationFramesHasNoCallSite() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcStatement.execute:10",
        "com.zaxxer.hikari.pool.PoolBase.isConnectionDead:170",
        "java.lang.Thread.run:833");

    assertThat(stack.callSite()).isNull();
    assertThat(stack.frames()).isEmpty();
    assertThat(stack.entryPoint()).isNull();
    assertThat(stack.framework()).isEqualTo(Framework.PLAIN_JDBC);
  }

  @Test
  void framesBeyondTheMaximumDepthAreNotRead() {
    List<String> deep = new ArrayList<>();
    IntStream.range(0, StackCapture.MAX_DEPTH).forEach(i -> deep.add("java.lang.reflect.Method.invoke"));
    deep.add("com.example.Main.main:5");
    List<String> shallower = new ArrayList<>(deep.subList(1, deep.size()));

    assertThat(read(deep.toArray(String[]::new)).callSite()).isNull();
    assertThat(read(shallower.toArray(String[]::new)).callSite().className()).isEqualTo("com.example.Main");
  }

  @Test
  void aSpringDataRepositoryAboveTheCallSiteIsSpringData() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery",
        "org.hibernate.sql.results.jdbc.internal.DeferredResultSetAccess.executeQuery",
        "org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.performList",
        "org.springframework.data.jpa.repository.support.SimpleJpaRepository.findById",
        "jdk.proxy3.$Proxy12.findById",
        "com.example.OwnerController.show:15");

    assertThat(stack.framework()).isEqualTo(Framework.SPRING_DATA);
  }

  @Test
  void hibernateAboveTheCallSiteIsHibernate() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "org.hibernate.loader.ast.internal.SingleIdLoadPlan.load",
        "com.example.OwnerService.pets:21");

    assertThat(stack.framework()).isEqualTo(Framework.HIBERNATE);
  }

  @Test
  void aHibernateProxyAboveTheCallSiteIsHibernate() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.Pet$HibernateProxy$abc.getName",
        "com.example.OwnerService.names:30");

    assertThat(stack.callSite().className()).isEqualTo("com.example.OwnerService");
    assertThat(stack.framework()).isEqualTo(Framework.HIBERNATE);
  }

  @Test
  void eclipseLinkAboveTheCallSiteIsHibernate() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor.executeSelect",
        "com.example.OwnerService.pets:21");

    assertThat(stack.framework()).isEqualTo(Framework.HIBERNATE);
  }

  @Test
  void aHibernateSixSixProxyAboveTheCallSiteIsHibernate() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.Pet$HibernateProxy.getName" + FakeFrames.NO_SOURCE,
        "com.example.OwnerService.names:30");

    assertThat(stack.callSite().className()).isEqualTo("com.example.OwnerService");
    assertThat(stack.framework()).isEqualTo(Framework.HIBERNATE);
  }

  @Test
  void jdbcTemplateAboveTheCallSiteIsSpringJdbc() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery",
        "org.springframework.jdbc.core.JdbcTemplate.query",
        "com.example.OwnerDao.find:12");

    assertThat(stack.framework()).isEqualTo(Framework.SPRING_JDBC);
  }

  @Test
  void onlyADriverAndAPoolAboveTheCallSiteIsPlainJdbc() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery",
        "com.example.OwnerDao.find:12");

    assertThat(stack.framework()).isEqualTo(Framework.PLAIN_JDBC);
  }

  @Test
  void frameworksBelowTheCallSiteDoNotChangeTheFramework() {
    CapturedStack stack = read(
        "org.h2.jdbc.JdbcPreparedStatement.executeQuery",
        "com.example.OwnerDao.find:12",
        "org.springframework.data.repository.core.support.RepositoryMethodInvoker.invoke",
        "org.hibernate.internal.SessionImpl.doWork",
        "org.springframework.jdbc.core.JdbcTemplate.execute",
        "com.example.Main.main:5");

    assertThat(stack.framework()).isEqualTo(Framework.PLAIN_JDBC);
  }

  @Test
  void aRealCaptureFindsTheLineThatCapturedIt() {
    CapturedAt at = FakeApplication.captureHere(new StackCapture(FakeApplication.POLICY));

    CapturedStack stack = at.stack();
    assertThat(stack.callSite()).isEqualTo(
        new StackLine(FakeApplication.class.getName(), "captureHere", "FakeApplication.java", at.line()));
    assertThat(stack.frames()).containsExactly(stack.callSite().toString());
    assertThat(stack.entryPoint()).isEqualTo("FakeApplication.captureHere");
    assertThat(stack.framework()).isEqualTo(Framework.PLAIN_JDBC);
  }

  @Test
  void aRealCaptureSkipsFramesOutsideTheApplicationBetweenApplicationFrames() {
    CapturedAt[] at = new CapturedAt[1];

    FakeApplication.handle(() -> at[0] = FakeApplication.captureHere(new StackCapture(FakeApplication.POLICY)));

    CapturedStack stack = at[0].stack();
    assertThat(stack.callSite().lineNumber()).isEqualTo(at[0].line());
    assertThat(stack.frames()).hasSize(2);
    assertThat(stack.frames().get(1)).startsWith(FakeApplication.class.getName() + ".handle(FakeApplication.java:");
    assertThat(stack.entryPoint()).isEqualTo("FakeApplication.handle");
  }

  @Test
  void queryLensOwnFramesAreNeverTheApplications() {
    // This test is under io.querylens, so the default policy must look past it; under Surefire nothing
    // else is left, an IDE's runner may be.
    CapturedStack stack = capture.capture();

    assertThat(stack.frames()).noneMatch(frame -> frame.startsWith("io.querylens."));
    if (stack.callSite() != null) {
      assertThat(stack.callSite().className()).doesNotStartWith("io.querylens.");
    }
  }

  @Test
  void anEmptyStackHasNoCallSite() {
    assertThat(capture.read(Stream.empty()))
        .isEqualTo(new CapturedStack(null, List.of(), null, Framework.PLAIN_JDBC));
  }
}
