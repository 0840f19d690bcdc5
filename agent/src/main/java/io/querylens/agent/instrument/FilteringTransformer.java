package io.querylens.agent.instrument;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * ByteBuddy's transformer behind a {@link CandidateFilter}: a class loading for the first time
 * reaches ByteBuddy only if the filter cannot rule it out. Retransformations always do.
 */
final class FilteringTransformer extends ResettableClassFileTransformer.WithDelegation {
  private final CandidateFilter filter;

  private FilteringTransformer(ResettableClassFileTransformer delegate, CandidateFilter filter) {
    super(delegate);
    this.filter = filter;
  }

  /** Puts {@code filter} in front of the transformer the agent builder registers. */
  static AgentBuilder.TransformerDecorator decorator(CandidateFilter filter) {
    return transformer -> new FilteringTransformer(transformer, filter);
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    if (!passes(loader, internalName, classBeingRedefined, classFile)) {
      return null;
    }
    return classFileTransformer.transform(module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    if (!passes(loader, internalName, classBeingRedefined, classFile)) {
      return null;
    }
    return classFileTransformer.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  private boolean passes(ClassLoader loader, String internalName, Class<?> classBeingRedefined, byte[] classFile) {
    try {
      return classBeingRedefined != null || filter.mayBeCandidate(loader, internalName, classFile);
    } catch (Throwable t) {
      return true; // the filter only saves time; when it fails, ByteBuddy decides as it would without it
    }
  }
}
