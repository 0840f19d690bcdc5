package io.querylens.agent.it.workload;

/**
 * What a workload tells the test on stdout: {@code observed <key>=<value>} lines with what the driver or ORM
 * reported (update counts, SQLSTATEs, Hibernate statistics), the oracle for the agent's figures.
 */
final class Observations {

  private Observations() {}

  static void observe(String key, Object value) {
    System.out.println("observed " + key + "=" + value);
  }

  /** The last line every workload prints when it ran to the end. */
  static void done() {
    System.out.println("workload done");
  }

  /**
   * Keeps P6Spy quiet and out of the working directory: log through SLF4J (bound to slf4j-nop) instead of
   * writing {@code spy.log}, and no JMX registration. P6Spy reads {@code p6spy.config.*} system properties
   * when its driver first loads; a {@code -D} on the command line wins.
   */
  static void configureP6Spy() {
    setIfAbsent("p6spy.config.appender", "com.p6spy.engine.spy.appender.Slf4JLogger");
    setIfAbsent("p6spy.config.jmx", "false");
    setIfAbsent("p6spy.config.autoflush", "false");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
