package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.junit.ExpectQueries;
import io.querylens.junit.NoNPlusOne;
import io.querylens.junit.QueryLens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

// RANDOM_PORT like OrderControllerTest, so that both share one application context.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@QueryLens
class OrderServiceTest {
  @Autowired OrderService service;
  @Autowired CustomerRepository customers;
  @Autowired PurchaseOrderRepository orders;

  @BeforeEach
  void stock() {
    // a fixture: its inserts are not counted
    TestData.stock(customers, orders);
  }

  @Test
  @ExpectQueries(select = 1)
  void listsOrdersWithCustomersInOneQuery() {
    assertThat(service.listOrdersWithCustomers()).hasSize(TestData.ORDERS);
  }

  // Fails on purpose: listOrders() loads each customer lazily (ConsumerProjectIT checks the message).
  @Test
  @ExpectQueries(select = 1)
  void listsOrdersInOneQuery() {
    assertThat(service.listOrders()).hasSize(TestData.ORDERS);
  }

  // Fails on purpose, for the same reason.
  @Test
  @NoNPlusOne
  void listsOrdersWithoutNPlusOne() {
    assertThat(service.listOrders()).hasSize(TestData.ORDERS);
  }

  // No annotation: querylens-baseline.json guards it. The baseline was recorded when this test called
  // listOrdersWithCustomers(), one statement; now it runs five, so it fails until recorded again.
  @Test
  void listsOrdersWithinItsBaseline() {
    assertThat(service.listOrders()).hasSize(TestData.ORDERS);
  }
}
