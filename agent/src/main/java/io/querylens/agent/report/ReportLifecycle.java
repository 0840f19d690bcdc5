package io.querylens.agent.report;

import io.querylens.agent.AgentErrors;
import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.record.Recorder;
import io.querylens.agent.record.SlowStatementSweeper;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.ReportAssembler;
import io.querylens.analyzer.report.ReportContext;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.exporter.report.ConsoleSummary;
import io.querylens.exporter.report.HtmlReportWriter;
import io.querylens.exporter.report.JsonReportWriter;
import io.querylens.exporter.report.SarifReportWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the reports (JSON, HTML, SARIF) every {@code reportInterval} and at JVM shutdown, then
 * prints the console summary.
 *
 * <p>Runs on its own daemon thread and the shutdown hook; never on the application's threads. A
 * report that cannot be written (unwritable directory, full disk) is counted and said once.
 */
public final class ReportLifecycle {
  private static final int CONSOLE_TOP = 5;
  private static final Duration SHUTDOWN_ENRICH_WAIT = Duration.ofMillis(1500);

  private final AgentConfig config;
  private final StatisticsRegistry statistics;
  private final Recorder recorder;
  private final StatementEnricher enricher;
  private final FindingRegistry findings;
  private final SlowStatementSweeper sweeper;
  private final String version;
  private final Instant startedAt;
  // Jackson costs a few hundred milliseconds to set up: not during the application's start-up.
  // guarded by this object's monitor
  private JsonReportWriter json;
  private HtmlReportWriter html;
  private SarifReportWriter sarif;

  // written under this object's monitor; read by the shutdown hook after its own write
  private volatile Report lastReport;

  /** Creates the lifecycle; nothing runs until {@link #start()}. */
  public ReportLifecycle(AgentConfig config, StatisticsRegistry statistics, Recorder recorder,
      StatementEnricher enricher, FindingRegistry findings, SlowStatementSweeper sweeper, String version,
      Instant startedAt) {
    this.config = config;
    this.statistics = statistics;
    this.recorder = recorder;
    this.enricher = enricher;
    this.findings = findings;
    this.sweeper = sweeper;
    this.version = version;
    this.startedAt = startedAt;
  }

  /** Schedules periodic reports and registers the shutdown hook. */
  public void start() {
    ScheduledExecutorService scheduler = null;
    long interval = config.reportInterval().toMillis();
    if (interval > 0) {
      scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "querylens-reporter");
        thread.setDaemon(true);
        return thread;
      });
      scheduler.scheduleWithFixedDelay(this::writeQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }
    ScheduledExecutorService periodic = scheduler;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(periodic), "querylens-shutdown"));
  }

  private void shutdown(ScheduledExecutorService periodic) {
    if (periodic != null) {
      periodic.shutdownNow();
    }
    // A short run may end before JSqlParser has described its statements; give it a moment.
    enricher.drainAndClose(SHUTDOWN_ENRICH_WAIT);
    try {
      sweeper.sweep(); // statements still running now are reported as such
    } catch (Throwable t) {
      AgentErrors.record("slow", "could not look at running statements", t);
    }
    List<Path> written = writeQuietly();
    try {
      sweeper.stop();
    } catch (Throwable t) {
      AgentErrors.record("lock", "could not close the lock probe's connections", t);
    }
    Report report = lastReport;
    if (config.consoleSummary() && report != null) {
      try {
        System.err.println(ConsoleSummary.render(report, written, CONSOLE_TOP));
      } catch (Throwable t) {
        AgentErrors.record("summary", "could not print the summary", t);
      }
    }
  }

  /** The findings of all scopes, then the slow statements still running. */
  private List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(findings.snapshot());
    all.addAll(sweeper.runningFindings());
    all.addAll(sweeper.lockWaitFindings());
    return all;
  }

  /**
   * Builds and writes the reports now (JSON, HTML, SARIF); returns the files written. Each file is
   * written on its own, so one that fails (said once) does not keep the others from being written.
   */
  synchronized List<Path> writeQuietly() {
    Report report;
    try {
      report = ReportAssembler.assemble(statistics, new ReportContext(
          version, startedAt, Instant.now(), recorder.poolInternalStatements(), recorder.commits(),
          recorder.rollbacks(), enricher.dropped() + findings.droppedFindings(), AgentErrors.count(),
          allFindings()));
      lastReport = report;
    } catch (Throwable t) {
      AgentErrors.record("report", "could not assemble the report", t);
      return List.of();
    }
    if (json == null) {
      json = new JsonReportWriter();
      html = new HtmlReportWriter();
      sarif = new SarifReportWriter(config.sourceRoots());
    }
    List<Path> written = new ArrayList<>(3);
    write(JsonReportWriter.FILE_NAME, () -> json.write(report, config.reportDir()), written);
    write(HtmlReportWriter.FILE_NAME, () -> html.write(report, config.reportDir()), written);
    write(SarifReportWriter.FILE_NAME, () -> sarif.write(report, config.reportDir()), written);
    return written;
  }

  private void write(String fileName, Callable<Path> write, List<Path> written) {
    try {
      written.add(write.call());
    } catch (Throwable t) {
      // One kind for the three files: an unwritable directory is said once, not once per file.
      AgentErrors.record("report", "could not write the report " + config.reportDir().toAbsolutePath().resolve(fileName)
          + "; set reportDir to a writable directory", t);
    }
  }


}
