package io.querylens.agent;

import java.io.File;
import java.io.PrintStream;

/**
 * {@code java -jar querylens-agent.jar ...}: usage, attaching to a running JVM, and the report
 * commands ({@link ReportCommands}: merge, render, diff).
 */
final class AgentCommandLine {
  static final String USAGE = String.join(System.lineSeparator(),
      "QueryLens agent " + AgentInstaller.version(),
      "",
      "Attach at start-up (recommended):",
      "  java -javaagent:querylens-agent.jar[=key=value,key=value] -jar your-app.jar",
      "",
      "Attach to a running JVM (same user; JDK 21+ targets should run with -XX:+EnableDynamicAgentLoading):",
      "  java -jar querylens-agent.jar attach <pid> [key=value,key=value]",
      "",
      "Options (also -Dquerylens.<key>=value or QUERYLENS_<KEY>): reportDir, reportInterval,",
      "  slowQueryThreshold, lockWaitThreshold, nPlusOneThreshold, metricsPort, metricsHost,",
      "  appPackages, captureParameters, countRows, maxFingerprints; see docs/configuration.md.",
      "",
      "Reports are written to <reportDir> (querylens-report.json, .html, .sarif) at shutdown and every",
      "  reportInterval.",
      "",
      ReportCommands.USAGE);

  private AgentCommandLine() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0])) {
      out.println(USAGE);
      return 0;
    }
    if ("attach".equals(args[0])) {
      return attach(args, out, err);
    }
    int exit = new ReportCommands(out, err).run(args);
    if (exit >= 0) {
      return exit;
    }
    err.println("querylens: unknown command '" + args[0] + "'; expected attach, merge, render, diff or help");
    err.println();
    err.println(USAGE);
    return 2;
  }

  private static int attach(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || args.length > 3 || !args[1].matches("\\d+")) {
      err.println("querylens: usage: java -jar querylens-agent.jar attach <pid> [key=value,key=value]"
          + " (find the pid with 'jcmd' or 'jps')");
      return 2;
    }
    String pid = args[1];
    String options = args.length == 3 ? args[2] : "";
    try {
      File jar = new File(QueryLensAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
      Object vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
      try {
        vmClass.getMethod("loadAgent", String.class, String.class).invoke(vm, jar.getAbsolutePath(), options);
      } finally {
        vmClass.getMethod("detach").invoke(vm);
      }
      out.println("querylens: attached to " + pid + "; its report goes to its own reportDir");
      return 0;
    } catch (ClassNotFoundException e) {
      err.println("querylens: cannot attach: this Java runtime has no attach API (module jdk.attach);"
          + " run the command with a full JDK");
      return 1;
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      err.println("querylens: cannot attach to " + pid + ": " + cause
          + "; check the pid, that it runs as the same user, and that it allows dynamic agents");
      return 1;
    }
  }
}
