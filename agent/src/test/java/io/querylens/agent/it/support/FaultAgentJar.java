package io.querylens.agent.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar of the test-only fault agent ({@code example.faults.FaultAgent}): a manifest and nothing else. The agent's
 * classes and ByteBuddy come from the child's class path (the test classes), which the system class loader that
 * loads a {@code Premain-Class} searches anyway.
 */
public final class FaultAgentJar {

  private static final String PREMAIN_CLASS = "example.faults.FaultAgent";

  private FaultAgentJar() {}

  /** Writes the jar into {@code dir} and returns the JVM option {@code -javaagent:<jar>=<argument>}. */
  public static String option(Path dir, String argument) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Premain-Class", PREMAIN_CLASS);
    main.putValue("Can-Retransform-Classes", "true");
    Path jar = dir.resolve("fault-agent.jar");
    try (OutputStream out = Files.newOutputStream(jar)) {
      new JarOutputStream(out, manifest).finish(); // the manifest is the whole jar
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "-javaagent:" + jar + "=" + argument;
  }
}
