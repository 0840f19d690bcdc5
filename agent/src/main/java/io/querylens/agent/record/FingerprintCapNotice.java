package io.querylens.agent.record;

import io.querylens.agent.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once, on the first statement that finds the fingerprint cap full, that new statements are
 * now counted together: otherwise a user sees {@code <other statements>} in the report and cannot
 * tell why (issue 10). Thread-safe; costs one volatile read after the first time.
 */
final class FingerprintCapNotice {
  private final AtomicBoolean said = new AtomicBoolean();
  private final int maxFingerprints;

  FingerprintCapNotice(int maxFingerprints) {
    this.maxFingerprints = maxFingerprints;
  }

  void overflowed() {
    if (!said.get() && said.compareAndSet(false, true)) {
      AgentLog.warn(
          "more than "
              + maxFingerprints
              + " distinct statements (maxFingerprints="
              + maxFingerprints
              + "): new ones are counted together as <other statements> from now on;"
              + " raise querylens.maxFingerprints to keep them apart");
    }
  }
}
