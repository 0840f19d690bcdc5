package example.cases;

import example.shop.Items;
import io.querylens.junit.ExpectMaxQueries;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.QueryLens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples of counted statements: exact counts, upper bounds, and where the annotations apply. */
public final class CountCases {
  private CountCases() {}

  /** One statement of each kind, and what each breach reads like. */
  @ExampleTestCase
  @QueryLens
  public static class ExactCounts {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @Test
    @ExpectQueries(select = 1, insert = 1, update = 1, delete = 1, total = 4)
    void oneOfEachKind() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectQueries(select = 1)
    void selectBreach() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        items.name(3);
      }
    }

    @Test
    @ExpectQueries(insert = 1)
    void insertBreach() throws SQLException {
      try (Items items = Items.open()) {
        items.insert(101, "a");
        items.insert(102, "b");
        items.delete(101);
        items.delete(102);
      }
    }

    @Test
    @ExpectQueries(update = 0)
    void updateBreach() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectQueries(delete = 2)
    void deleteBreach() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectQueries(total = 3)
    void totalBreach() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectQueries(select = 0, insert = 0, update = 0, delete = 0, total = 0)
    void everyBreachAtOnce() throws SQLException {
      oneOfEach();
    }
  }

  /** Upper bounds. */
  @ExampleTestCase
  public static class MaxCounts {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @Test
    @ExpectMaxQueries(select = 1, insert = 1, update = 1, delete = 1, total = 4)
    void atTheBounds() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectMaxQueries(select = 5, total = 10)
    void belowTheBounds() throws SQLException {
      oneOfEach();
    }

    @Test
    @ExpectMaxQueries(select = 1, total = 2)
    void aboveTheBounds() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        items.count();
      }
    }
  }

  /** A method's annotation replaces the class's. */
  @ExampleTestCase
  @ExpectQueries(select = 1)
  public static class ClassAndMethod {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @Test
    void classLevelApplies() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
      }
    }

    @Test
    @ExpectQueries(insert = 1)
    void methodLevelReplacesIt() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
        items.name(2);
        items.insert(201, "x");
      }
    }
  }

  /** Set-up in {@code @BeforeEach} is not counted; kinds are told apart by operation. */
  @ExampleTestCase
  @QueryLens
  public static class WhatIsCounted {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @BeforeEach
    void insertFixtures() throws SQLException {
      try (Items items = Items.open()) {
        items.delete(1);
        items.insert(1, "fixture");
        items.name(1);
      }
    }

    // Runs after the recording ended: counted, it would break every total below.
    @AfterEach
    void readAfterEach() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
      }
    }

    @Test
    @ExpectQueries(select = 1, insert = 0, delete = 0, total = 1)
    void beforeEachIsNotCounted() throws SQLException {
      try (Items items = Items.open()) {
        items.name(1);
      }
    }

    @Test
    @ExpectQueries(select = 1, total = 1)
    void withSelectIsASelect() throws SQLException {
      try (Items items = Items.open();
          Statement statement = items.connection().createStatement();
          ResultSet rows = statement.executeQuery("with named as (select id from item) select count(*) from named")) {
        rows.next();
      }
    }

    @Test
    @ExpectQueries(select = 0, insert = 0, update = 0, delete = 0, total = 2)
    void otherStatementsCountInTotalOnly() throws SQLException {
      try (Items items = Items.open(); Statement statement = items.connection().createStatement()) {
        statement.execute("create table if not exists scratch (id int)");
        statement.execute("drop table scratch");
      }
    }

    @Test
    @ExpectQueries(insert = 1, total = 1)
    void aBatchIsOneExecution() throws SQLException {
      try (Items items = Items.open();
          PreparedStatement insert = items.connection().prepareStatement("insert into item (id, name) values (?, ?)")) {
        for (int id = 300; id < 310; id++) {
          insert.setInt(1, id);
          insert.setString(2, "batched");
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /** Invocations of a parameterized test, and a nested class under its enclosing class's annotation. */
  @ExampleTestCase
  @ExpectQueries(select = 1)
  public static class Templates {
    @BeforeAll
    static void createTable() {
      Items.createTable();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void perInvocation(int selects) throws SQLException {
      selects(selects);
    }

    @Nested
    class Inner {
      @Test
      void underTheEnclosingClasssAnnotation() throws SQLException {
        selects(2);
      }
    }

    static void selects(int count) throws SQLException {
      try (Items items = Items.open()) {
        for (int i = 0; i < count; i++) {
          items.name(i);
        }
      }
    }
  }

  static void oneOfEach() throws SQLException {
    try (Items items = Items.open()) {
      items.insert(7, "seven");
      items.name(7);
      items.rename(7, "SEVEN");
      items.delete(7);
    }
  }
}
