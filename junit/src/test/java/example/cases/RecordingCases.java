package example.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import example.shop.Items;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.junit.RecordedQueries;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Examples of the programmatic API: a {@link QueryRecording} parameter. */
public final class RecordingCases {
  private RecordingCases() {}

  @ExampleTestCase
  @QueryLens
  public static class Api {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @Test
    void snapshotsCountSoFar(QueryRecording recording) throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        RecordedQueries first = recording.snapshot();
        assertEquals(2, first.selects());
        assertEquals(2, first.total());
        items.insert(401, "x");
        items.delete(401);
        RecordedQueries second = recording.snapshot();
        assertEquals(2, second.selects());
        assertEquals(1, second.inserts());
        assertEquals(1, second.deletes());
        assertEquals(4, second.total());
        assertEquals(3, second.statements().size());
        assertEquals(2, first.total(), "a snapshot does not change afterwards");
      }
    }

    @Test
    @ExpectQueries(select = 1, total = 1)
    void resetForgetsWhatRanBefore(QueryRecording recording) throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        items.count();
        recording.reset();
        assertEquals(0, recording.snapshot().total());
        items.name(3);
      }
    }

    @Test
    @ExpectQueries(select = 1, insert = 0, delete = 0, total = 1)
    void notCountedLeavesSetUpOut(QueryRecording recording) throws SQLException {
      try (Items items = Items.open()) {
        recording.notCounted(() -> {
          items.delete(501);
          items.insert(501, "fixture");
        });
        int rows = recording.notCounted(() -> items.count());
        assertFalse(rows == 0);
        items.name(501);
      }
    }

    @Test
    void notCountedRethrowsAsIs(QueryRecording recording) {
      recording.notCounted(() -> {
        throw new IOException("set-up failed");
      });
    }

    @Test
    void fluentCheck(QueryRecording recording) throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        items.name(3);
      }
      recording.snapshot().check().maxTotal(5).maxSelects(3).selects(1);
    }

    @Test
    void headerNamesTheTest(QueryRecording recording) {
      assertEquals("QueryLens-Test", recording.headerName());
      assertEquals(recording.testId(), recording.headerValue());
      assertFalse(recording.testId().isBlank());
    }

    @Test
    @ExpectQueries(select = 0)
    void ownFailureComesFirst() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
      }
      fail("the test's own failure");
    }
  }

  @ExampleTestCase
  @QueryLens
  public static class InBeforeEach {
    @BeforeEach
    void setUp(QueryRecording recording) {}

    @Test
    void test() {}
  }
}
