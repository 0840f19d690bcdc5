package io.querylens.agent;

import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.instrument.JdbcInstrumentation;
import io.querylens.agent.record.FingerprintCache;
import io.querylens.agent.record.Recorder;
import io.querylens.agent.record.StatisticsListener;
import io.querylens.agent.report.ReportLifecycle;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.JdbcHooks;
import java.lang.instrument.Instrumentation;
import java.time.Instant;

/**
 * Wires the agent together once the bootstrap bridge is in place: configuration, recorder,
 * instrumentation, reports.
 *
 * <p>Internal: public only so {@link QueryLensAgent} can load it by name.
 */
public final class AgentInstaller {
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
    Recorder recorder = new Recorder(fingerprints, config.countRows(), new StatisticsListener());

    JdbcHooks.install(recorder);
    JdbcInstrumentation.install(instrumentation, config.countRows());
    new ReportLifecycle(config, statistics, recorder, enricher, version(), startedAt).start();
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
