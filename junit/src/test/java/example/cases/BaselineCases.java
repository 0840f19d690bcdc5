package example.cases;

import example.shop.Items;
import io.querylens.junit.QueryLens;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests whose statements the baseline tests change from run to run: {@link #selects} lookups, then
 * {@link #inserts} inserts.
 */
@ExampleTestCase
@QueryLens
public class BaselineCases {
  public static volatile int selects = 2;
  public static volatile int inserts = 0;
  public static volatile boolean failing;

  @BeforeAll
  static void createTable() {
    Items.createTable();
  }

  @Test
  void looksUp() throws SQLException {
    try (Items items = Items.open()) {
      for (int i = 0; i < selects; i++) {
        items.name(i);
      }
      for (int i = 0; i < inserts; i++) {
        items.insert(600 + i, "new");
        items.delete(600 + i);
      }
    }
    if (failing) {
      throw new AssertionError("the test's own failure");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void countsRows(int times) throws SQLException {
    try (Items items = Items.open()) {
      for (int i = 0; i < times; i++) {
        items.count();
      }
    }
  }
}
