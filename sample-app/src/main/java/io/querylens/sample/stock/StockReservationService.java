package io.querylens.sample.stock;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Reserves stock for an order. Every reservation also needs a pick slot from the warehouse. */
@Service
public class StockReservationService {

  private final StockRepository stocks;
  private final WarehouseGateway warehouse;

  StockReservationService(StockRepository stocks, WarehouseGateway warehouse) {
    this.stocks = stocks;
    this.warehouse = warehouse;
  }

  /**
   * <b>Deliberately wrong</b>, to show a {@code LOCK_WAIT}: locks the product's stock row ({@code
   * SELECT ... FOR UPDATE}), then calls the warehouse (about 300 ms) while the transaction, and
   * with it the lock, stays open. On a popular product every concurrent reservation queues behind
   * the one before it: with four callers the last waits about a second for the lock.
   *
   * @throws ResponseStatusException 404 if the product has no stock row
   */
  @Transactional
  public Reservation reserveHoldingLockDuringWarehouseCall(long productId, int units) {
    Stock stock =
        stocks
            .findAndLock(productId) // marker: lock-wait
            .orElseThrow(() -> unknownProduct(productId));
    warehouse.confirmPickSlot(productId, units);
    if (stock.getQuantity() < units) {
      return new Reservation(productId, units, false);
    }
    stock.take(units);
    return new Reservation(productId, units, true);
  }

  /**
   * The fixed twin of {@link #reserveHoldingLockDuringWarehouseCall}: calls the warehouse first,
   * outside any transaction, then takes the units with one atomic {@code UPDATE ... SET quantity =
   * quantity - ? WHERE product_id = ? AND quantity >= ?}. The check and the write are one
   * statement, so no lock needs to outlive it, and concurrent reservations of the same product no
   * longer wait for each other.
   *
   * @throws ResponseStatusException 404 if the product has no stock row
   */
  public Reservation reserveWithAtomicUpdate(long productId, int units) {
    warehouse.confirmPickSlot(productId, units);
    if (stocks.takeIfAvailable(productId, units) == 1) {
      return new Reservation(productId, units, true);
    }
    if (!stocks.existsById(productId)) {
      throw unknownProduct(productId);
    }
    return new Reservation(productId, units, false);
  }

  private static ResponseStatusException unknownProduct(long productId) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "No stock is kept for product " + productId);
  }
}
