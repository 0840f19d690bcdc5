package io.querylens.agent;

import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.instrument.JdbcInstrumentation;
import io.querylens.agent.metrics.SelfFigures;
import io.querylens.agent.record.FingerprintCache;
import io.querylens.agent.record.Recorder;
import io.querylens.agent.record.SlowStatementSweeper;
import io.querylens.agent.record.StatisticsListener;
import io.querylens.agent.report.ReportLifecycle;
import io.querylens.agent.scope.ScopeBridge;
import io.querylens.agent.scope.TestBridge;
import io.querylens.analyzer.callsite.FramePolicy;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.Detectors;
import io.querylens.analyzer.detect.FindingListener;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.scope.ScopeClosedListener;
import io.querylens.analyzer.scope.ScopeSettings;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.ScopeHooks;
import io.querylens.bootstrap.TestHooks;
import io.querylens.exporter.metrics.MetricsExport;
import io.querylens.exporter.metrics.MetricsSettings;
import io.querylens.exporter.metrics.QueryLensMetrics;
import java.lang.instrument.Instrumentation;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Wires the agent together once the bootstrap bridge is in place: configuration, recorder,
 * instrumentation, reports. Library mode wires the same pipeline without instrumentation.
 *
 * <p>Internal: public only so {@link QueryLensAgent} can load it by name and library mode can start it.
 */
public final class AgentInstaller {
  /** Distinct findings kept; beyond, new ones are counted and dropped so memory stays bounded. */
  static final int MAX_FINDINGS = 2_000;

  // guarded by the class monitor: how the one pipeline of this class loader started (agent or library mode), or null
  private static String wiredAs;

  private AgentInstaller() {}

  /** Installs the agent; called once per JVM. */
  public static void install(String options, Instrumentation instrumentation, boolean attached) {
    wire(options, attached ? "attached" : "started",
        config -> JdbcInstrumentation.install(instrumentation, config.countRows()));
  }

  /**
   * Starts the agent's pipeline for library mode: the same recorder, reports and metrics, fed by
   * P6Spy's listener instead of instrumentation. Options come from system properties and the
   * environment. Called once, by {@code io.querylens.agent.library.LibraryMode}.
   *
   * @return whether statements are now recorded: false when disabled, or when the pipeline already runs
   */
  public static boolean installLibraryMode() {
    return wire(null, "started in library mode (P6Spy)", config -> {});
  }

  private static synchronized boolean wire(String options, String how, Consumer<AgentConfig> instrument) {
    if (wiredAs != null) {
      // An agent attached to a JVM whose library mode already records would count every statement twice.
      AgentLog.warn("already " + wiredAs + " in this JVM; ignoring the second start");
      return false;
    }
    wiredAs = how;
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    AgentConfig config = AgentConfig.load(options, System.getProperties(), System.getenv(), AgentLog::warn);
    if (!config.enabled()) {
      AgentLog.info("disabled by the enabled=false option; nothing is instrumented");
      return false;
    }
    StatisticsRegistry statistics = new StatisticsRegistry(config.maxFingerprints());
    StatementEnricher enricher = new StatementEnricher(config.parseMaxChars(), config.parseTimeout(),
        () -> AgentErrors.record("parse", "JSqlParser took longer than parseTimeout="
            + config.parseTimeout().toMillis() + "ms on a statement and was stopped; the statement keeps its"
            + " fingerprint, without its tables; raise parseTimeout if many statements need longer", null));
    FingerprintCache fingerprints = new FingerprintCache(config.fingerprintCacheSize(), statistics, enricher);
    SelfFigures figures = new SelfFigures(enricher);
    MetricsExport export = MetricsExport.start(metricsSettings(config), statistics, figures, AgentErrors::record,
        AgentLog::warn);
    QueryLensMetrics metrics = export == null ? null : export.metrics();
    FindingRegistry findings = new FindingRegistry(MAX_FINDINGS, metrics == null ? FindingListener.NONE : metrics);
    figures.countDroppedFindingsOf(findings);
    StackCapture stacks = new StackCapture(config.appPackages().isEmpty()
        ? FramePolicy.defaults() : FramePolicy.appPackages(config.appPackages()));
    ScopeTracker scopes = new ScopeTracker(
        ScopeSettings.defaults(config.scopeIdleGap(), config.scopeMaxWindow(), config.slowQueryThreshold(),
            config.poolWaitThreshold()),
        stacks,
        Detectors.standard(config.nPlusOneThreshold(), config.unbatchedWriteThreshold(), config.slowQueryThreshold()),
        findings, metrics == null ? ScopeClosedListener.NONE : metrics);
    Recorder recorder = metrics == null
        ? new Recorder(fingerprints, config.countRows(), scopes, new StatisticsListener(), scopes)
        : new Recorder(fingerprints, config.countRows(), scopes, new StatisticsListener(), scopes, metrics);
    SlowStatementSweeper sweeper = new SlowStatementSweeper(config.slowQueryThreshold().toNanos(),
        config.lockWaitThreshold().toNanos(), recorder, stacks);
    if (metrics != null) {
      recorder.timeCheckoutsInto(metrics);
      sweeper.timeLockWaitsInto(metrics);
      Runtime.getRuntime().addShutdownHook(new Thread(export::close, "querylens-metrics-shutdown"));
    }
    recorder.describeDeadlocksWith(stacks, sweeper);
    if (config.captureParameters()) {
      recorder.captureParametersWith(config.parameterMask());
      if (config.parameterMask() == io.querylens.agent.config.ParameterMask.NONE) {
        AgentLog.warn("captureParameters=true with parameterMask=none: bind values are written unmasked to "
            + "the reports in " + config.reportDir().toAbsolutePath() + "; use this on your own machine only");
      }
    }

    ScopeHooks.install(new ScopeBridge(scopes));
    TestHooks.install(new TestBridge(scopes));
    JdbcHooks.install(recorder);
    instrument.accept(config);
    sweeper.start();
    new ReportLifecycle(config, statistics, recorder, enricher, findings, sweeper, version(), startedAt).start();
    long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
    AgentLog.info("agent " + version() + " " + how + " in " + startMillis
        + " ms; report in " + config.reportDir().toAbsolutePath() + metricsWhere(config, export));
    return true;
  }

  private static MetricsSettings metricsSettings(AgentConfig config) {
    return new MetricsSettings(config.metricsPort(), config.metricsHost(), config.metricsUser(),
        config.metricsPassword(), config.metricsLabelLimit(), config.otlpEndpoint(), config.otlpInterval());
  }

  /** {@code ; metrics on http://127.0.0.1:9464/metrics}, or nothing when no endpoint runs. */
  private static String metricsWhere(AgentConfig config, MetricsExport export) {
    StringBuilder where = new StringBuilder();
    if (export != null && export.port() > 0) {
      String host = config.metricsHost().contains(":") ? "[" + config.metricsHost() + "]" : config.metricsHost();
      where.append("; metrics on http://").append(host).append(':').append(export.port()).append("/metrics");
    }
    if (!config.otlpEndpoint().isEmpty()) {
      where.append("; metrics pushed to ").append(config.otlpEndpoint());
    }
    return where.toString();
  }

  /** The agent's version, from its jar's manifest. */
  public static String version() {
    String version = AgentInstaller.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
