package io.querylens.agent.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JDK a child JVM can run on: the one running the tests, or the JDK 25 installed on the machine. */
public enum Jdk {
  /** The JDK running this test JVM ({@code java.home}); JDK 17 under the project's build. */
  CURRENT {
    @Override
    public Path home() {
      return Paths.get(System.getProperty("java.home"));
    }
  },
  /** JDK 25: {@code QUERYLENS_TEST_JDK25} (a {@code java} binary or a JDK home), else the Temurin package path. */
  JDK_25 {
    @Override
    public Path home() {
      String configured = System.getenv("QUERYLENS_TEST_JDK25");
      Path path = Paths.get(configured == null || configured.isBlank() ? DEFAULT_JDK25_JAVA : configured);
      // Accept a java binary (…/bin/java) as well as a JDK home.
      if (Files.isRegularFile(path) && path.getParent() != null && path.getParent().getParent() != null) {
        return path.getParent().getParent();
      }
      return path;
    }
  };

  private static final String DEFAULT_JDK25_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
  private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  /** The JDK's home directory (it may not exist; see {@link #requireInstalled()}). */
  public abstract Path home();

  /** The {@code java} launcher of this JDK. */
  public Path java() {
    return home().resolve("bin").resolve("java");
  }

  /** Returns whether this JDK's {@code java} launcher exists. */
  public boolean isInstalled() {
    return Files.isExecutable(java());
  }

  /** Skips the calling test (fails under {@code CI=true}) when this JDK is not installed. */
  public void requireInstalled() {
    String missing = whyMissing();
    Requirements.require(missing == null, missing);
  }

  /** Why this JDK cannot be used (a message naming the path and the variable to set), or {@code null}. */
  public String whyMissing() {
    return isInstalled()
        ? null
        : this + " is not installed: no executable " + java() + " (set QUERYLENS_TEST_JDK25 to its java binary)";
  }

  /** The feature release number ({@code 17}, {@code 25}), read from the JDK's {@code release} file. */
  public int featureVersion() {
    if (this == CURRENT) {
      return Runtime.version().feature();
    }
    try {
      Matcher m = RELEASE_VERSION.matcher(Files.readString(home().resolve("release")));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    } catch (IOException | RuntimeException e) {
      // fall through: the name says which release it is
    }
    return 25;
  }

  @Override
  public String toString() {
    return "JDK " + (this == CURRENT ? Runtime.version().feature() : featureVersion());
  }
}
