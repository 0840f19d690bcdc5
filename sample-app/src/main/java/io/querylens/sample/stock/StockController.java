package io.querylens.sample.stock;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Stock reservations, holding a row lock (the problem) or with an atomic update (the fix). */
@RestController
@RequestMapping("/stock/{productId}/reservations")
class StockController {

  private final StockReservationService reservations;

  StockController(StockReservationService reservations) {
    this.reservations = reservations;
  }

  @PostMapping("/hold-lock")
  Reservation holdLock(@PathVariable long productId, @RequestParam(defaultValue = "1") int units) {
    return reservations.reserveHoldingLockDuringWarehouseCall(productId, checked(units));
  }

  @PostMapping("/atomic")
  Reservation atomic(@PathVariable long productId, @RequestParam(defaultValue = "1") int units) {
    return reservations.reserveWithAtomicUpdate(productId, checked(units));
  }

  private static int checked(int units) {
    if (units < 1) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "units must be at least 1 but was " + units);
    }
    return units;
  }
}
