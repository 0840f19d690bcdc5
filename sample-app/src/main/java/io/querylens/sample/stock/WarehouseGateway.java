package io.querylens.sample.stock;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stands in for the warehouse system, which confirms a pick slot for each reservation. A remote
 * call in a real shop; here a pause of {@code shop.warehouse.latency} (300 ms by default).
 */
@Component
public class WarehouseGateway {

  private final Duration latency;

  WarehouseGateway(@Value("${shop.warehouse.latency:300ms}") Duration latency) {
    this.latency = latency;
  }

  /** Asks the warehouse for a pick slot for {@code units} of a product; takes a while. */
  public void confirmPickSlot(long productId, int units) {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while confirming a pick slot for product " + productId, e);
    }
  }
}
