package io.querylens.sample.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.detect.FindingType;
import io.querylens.junit.NoLockWaits;
import io.querylens.junit.QueryLens;
import io.querylens.junit.QueryRecording;
import io.querylens.sample.SourceMarkers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Concurrent reservations of one product. The threads the test starts only send the requests;
 * Tomcat's threads serve them, and their statements, lock waits included, count for this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@QueryLens
class StockReservationQueriesTest {

  /**
   * Each reservation holds the lock through a 300 ms warehouse call, so the callers queue: the last
   * of four waits about 900 ms, against the agent's 200 ms {@code lockWaitThreshold}.
   */
  private static final int CALLERS = 4;

  // products no other test reserves, so that every reservation here finds stock
  private static final long ATOMIC_PRODUCT = 11;
  private static final long LOCKED_PRODUCT = 12;

  @Autowired TestRestTemplate http;

  @Test
  @NoLockWaits
  void concurrentAtomicReservationsDoNotWaitForEachOther() throws Exception {
    assertThat(reserveConcurrently(ATOMIC_PRODUCT, "atomic")).allMatch(Reservation::reserved);
  }

  @Test
  void concurrentReservationsHoldingTheRowLockWaitForItAtTheMarkedLine(QueryRecording recording)
      throws Exception {
    assertThat(reserveConcurrently(LOCKED_PRODUCT, "hold-lock")).allMatch(Reservation::reserved);

    assertThat(recording.snapshot().findings(FindingType.LOCK_WAIT))
        .isNotEmpty()
        .allSatisfy(
            wait -> {
              assertThat(wait.callSite())
                  .isEqualTo(
                      SourceMarkers.callSite(
                          StockReservationService.class,
                          "reserveHoldingLockDuringWarehouseCall",
                          "lock-wait"));
              assertThat(wait.statement()).contains("from shop_stock").contains("for update");
              // another request's transaction, named by the thread that serves it
              assertThat(wait.blocker().thread()).startsWith("http-nio-");
            });
  }

  /** Sends {@link #CALLERS} reservations of one unit at once and returns their answers. */
  private List<Reservation> reserveConcurrently(long productId, String variant) throws Exception {
    Callable<Reservation> reservation =
        () -> {
          ResponseEntity<Reservation> response =
              http.postForEntity(
                  "/stock/" + productId + "/reservations/" + variant, null, Reservation.class);
          assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
          return response.getBody();
        };
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      List<Future<Reservation>> answers =
          callers.invokeAll(Collections.nCopies(CALLERS, reservation));
      List<Reservation> reservations = new ArrayList<>();
      for (Future<Reservation> answer : answers) {
        reservations.add(answer.get());
      }
      return reservations;
    } finally {
      callers.shutdownNow();
    }
  }
}
