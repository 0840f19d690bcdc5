package io.querylens.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scopes whose thread ended without closing them are closed as more scopes register, not only by a report:
 * with a thread per task and reports only at shutdown they otherwise filled the heap (issue 10). A sweep
 * comes when the open scopes reach 64, then twice as many as the last sweep left open.
 */
class FindingRegistryOrphansTest {

  @Test
  void registeringScopesClosesThoseWhoseThreadEndedWithoutWaitingForAReport() {
    FindingRegistry registry = new FindingRegistry(100);
    FakeScope live = new FakeScope(false);
    registry.opened(live);
    List<FakeScope> orphans = new ArrayList<>();
    for (int i = 0; i < 62; i++) {
      FakeScope orphan = new FakeScope(true);
      orphans.add(orphan);
      registry.opened(orphan);
    }
    assertThat(orphans).as("orphans before 64 scopes are open").noneMatch(scope -> scope.closed);
    FakeScope sixtyFourth = new FakeScope(true);
    orphans.add(sixtyFourth);
    registry.opened(sixtyFourth);

    assertThat(orphans).as("orphans closed by the 64th registration").allMatch(scope -> scope.closed);
    assertThat(live.closed).as("a live thread's scope is left to its thread").isFalse();
    assertThat(live.asked).as("times the live scope was asked whether it is orphaned").isEqualTo(1);
  }

  @Test
  void aRegistryOfPartOfTheFindingsLeavesOrphansToTheMainOne() {
    FindingRegistry registry = new FindingRegistry(100, false);
    List<FakeScope> orphans = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      FakeScope orphan = new FakeScope(true);
      orphans.add(orphan);
      registry.opened(orphan);
    }

    assertThat(orphans).noneMatch(scope -> scope.asked > 0);
  }

  /** A scope without findings whose thread has ended, or not. */
  private static final class FakeScope implements FindingScope {
    private final boolean threadEnded;
    boolean closed;
    int asked;

    FakeScope(boolean threadEnded) {
      this.threadEnded = threadEnded;
    }

    @Override
    public String name() {
      return "window";
    }

    @Override
    public String kind() {
      return "thread";
    }

    @Override
    public List<FindingAccumulator> findings() {
      return List.of();
    }

    @Override
    public boolean closeIfOrphaned() {
      asked++;
      if (closed || !threadEnded) {
        return false;
      }
      closed = true;
      return true;
    }
  }
}
