package example.cases;

import io.querylens.junit.ExpectMaxQueries;
import io.querylens.junit.ExpectMaxQueryTime;
import io.querylens.junit.ExpectQueries;
import org.junit.jupiter.api.Test;

/** Annotations that can never work. */
@ExampleTestCase
public class MisuseCases {
  @Test
  @ExpectQueries
  void checksNothing() {}

  @Test
  @ExpectMaxQueries(select = -2)
  void negativeCount() {}

  @Test
  @ExpectMaxQueryTime(0)
  void zeroTime() {}
}
