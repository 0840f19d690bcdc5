package io.querylens.analyzer.callsite;

import java.util.List;

/**
 * Decides which stack frames are the application's own: everything but the JDK, QueryLens, drivers,
 * pools, ORMs, Spring, servlet containers, test runners and generated proxies, or, when the user
 * names their packages ({@code appPackages}), only those. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class FramePolicy {
  /** Package prefixes that are never the application's, unless {@code appPackages} says otherwise. */
  static final List<String> FRAMEWORK_PACKAGES = List.of(
      "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "io.querylens.",
      "kotlin.", "kotlinx.", "scala.", "groovy.", "org.codehaus.groovy.",
      // drivers
      "org.h2.", "org.postgresql.", "org.mariadb.", "com.mysql.", "oracle.", "com.microsoft.sqlserver.",
      "com.ibm.db2.", "org.apache.derby.", "org.hsqldb.", "org.sqlite.", "net.sourceforge.jtds.",
      // pools and wrappers
      "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.commons.pool", "org.apache.tomcat.",
      "com.mchange.", "com.p6spy.", "net.ttddyy.", "io.agroal.", "oracle.ucp.",
      // ORMs and data access
      "org.hibernate.", "org.springframework.", "org.eclipse.persistence.", "org.apache.ibatis.", "org.mybatis.",
      "org.jooq.", "com.querydsl.", "org.jdbi.", "io.ebean.", "org.apache.openjpa.", "jakarta.persistence.",
      // containers, runtimes, tooling
      "org.apache.catalina.", "org.apache.coyote.", "org.eclipse.jetty.", "io.undertow.", "org.jboss.",
      "io.netty.", "reactor.", "io.micrometer.", "io.opentelemetry.", "net.bytebuddy.", "org.aspectj.",
      "com.fasterxml.", "org.junit.", "junit.", "org.testng.", "org.apache.maven.", "org.gradle.",
      "org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "com.google.common.", "io.github.resilience4j.");

  /** Class-name fragments of generated classes (proxies, enhancers, hidden lambda classes). */
  static final List<String> GENERATED_MARKERS = List.of(
      "$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$$EnhancerByCGLIB$$",
      // Hibernate 6.6 names its proxies Entity$HibernateProxy, earlier versions Entity$HibernateProxy$abc
      "$HibernateProxy",
      "$$_javassist", "$ByteBuddy$", "$$Lambda", ".$Proxy");

  /**
   * Packages under a framework prefix that are applications: Spring's own sample applications, and
   * QueryLens's ({@code sample-app}), whose call sites the demo shows.
   */
  static final List<String> APPLICATIONS_UNDER_FRAMEWORK_PACKAGES =
      List.of("org.springframework.samples.", "io.querylens.sample.");

  private final String[] appPackages;

  private FramePolicy(String[] appPackages) {
    this.appPackages = appPackages;
  }

  /** The default policy: every frame outside the known framework packages is the application's. */
  public static FramePolicy defaults() {
    return new FramePolicy(new String[0]);
  }

  /**
   * A policy where only classes under {@code appPackages} (prefixes such as {@code com.acme.shop})
   * are the application's; an empty list means {@link #defaults()}.
   */
  public static FramePolicy appPackages(List<String> appPackages) {
    String[] prefixes = new String[appPackages.size()];
    for (int i = 0; i < prefixes.length; i++) {
      String p = appPackages.get(i).trim();
      prefixes[i] = p.endsWith(".") || p.isEmpty() ? p : p + ".";
    }
    return new FramePolicy(prefixes);
  }

  /** Whether a frame of {@code className} is application code. */
  public boolean isApplication(String className) {
    for (String marker : GENERATED_MARKERS) {
      if (className.contains(marker)) {
        return false;
      }
    }
    if (appPackages.length > 0) {
      for (String prefix : appPackages) {
        if (className.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
    for (String prefix : APPLICATIONS_UNDER_FRAMEWORK_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    for (String prefix : FRAMEWORK_PACKAGES) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
