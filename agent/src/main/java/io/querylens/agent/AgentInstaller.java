package io.querylens.agent;

import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.instrument.JdbcInstrumentation;
import io.querylens.agent.record.FingerprintCache;
import io.querylens.agent.record.Recorder;
import io.querylens.agent.record.SlowStatementSweeper;
import io.querylens.agent.record.StatisticsListener;
import io.querylens.agent.report.ReportLifecycle;
import io.querylens.agent.scope.ScopeBridge;
import io.querylens.analyzer.callsite.FramePolicy;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.Detectors;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.scope.ScopeSettings;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.ScopeHooks;
import java.lang.instrument.Instrumentation;
import java.time.Instant;

/**
 * Wires the agent together once the bootstrap bridge is in place: configuration, recorder,
 * instrumentation, reports.
 *
 * <p>Internal: public only so {@link QueryLensAgent} can load it by name.
 */
public final class AgentInstaller {
  /** Distinct findings kept; beyond, new ones are counted and dropped so memory stays bounded. */
  static final int MAX_FINDINGS = 2_000;

  private AgentInstaller() {}

  /** Installs the agent; called once per JVM. */
  public static void install(String options, Instrumentation instrumentation, boolean attached) {
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    AgentConfig config = AgentConfig.load(options, System.getProperties(), System.getenv(), AgentLog::warn);
    if (!config.enabled()) {
      AgentLog.info("disabled by the enabled=false option; nothing is instrumented");
      return;
    }
    StatisticsRegistry statistics = new StatisticsRegistry(config.maxFingerprints());
    StatementEnricher enricher = new StatementEnricher(config.parseMaxChars(), config.parseTimeout());
    FingerprintCache fingerprints = new FingerprintCache(config.fingerprintCacheSize(), statistics, enricher);
    FindingRegistry findings = new FindingRegistry(MAX_FINDINGS);
    StackCapture stacks = new StackCapture(config.appPackages().isEmpty()
        ? FramePolicy.defaults() : FramePolicy.appPackages(config.appPackages()));
    ScopeTracker scopes = new ScopeTracker(
        ScopeSettings.defaults(config.scopeIdleGap(), config.scopeMaxWindow(), config.slowQueryThreshold(),
            config.poolWaitThreshold()),
        stacks,
        Detectors.standard(config.nPlusOneThreshold(), config.unbatchedWriteThreshold(), config.slowQueryThreshold()),
        findings);
    Recorder recorder = new Recorder(fingerprints, config.countRows(), scopes, new StatisticsListener(), scopes);
    SlowStatementSweeper sweeper = new SlowStatementSweeper(config.slowQueryThreshold().toNanos(),
        config.lockWaitThreshold().toNanos(), recorder, stacks);
    recorder.describeDeadlocksWith(stacks, sweeper);

    ScopeHooks.install(new ScopeBridge(scopes));
    JdbcHooks.install(recorder);
    JdbcInstrumentation.install(instrumentation, config.countRows());
    sweeper.start();
    new ReportLifecycle(config, statistics, recorder, enricher, findings, sweeper, version(), startedAt).start();
    long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    AgentLog.info("agent " + version() + (attached ? " attached" : " started") + " in " + startMillis
        + " ms; report in " + config.reportDir().toAbsolutePath());
  }

  /** The agent's version, from its jar's manifest. */
  public static String version() {
    String version = AgentInstaller.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
