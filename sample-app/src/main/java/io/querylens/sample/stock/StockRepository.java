package io.querylens.sample.stock;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/** Reads and reserves stock. */
public interface StockRepository extends JpaRepository<Stock, Long> {

  /**
   * Reads a product's stock and locks its row ({@code SELECT ... FOR UPDATE}) until the calling
   * transaction ends; other transactions asking for the same lock wait until then.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select s from Stock s where s.productId = :productId")
  Optional<Stock> findAndLock(long productId);

  /**
   * Takes {@code units} from a product's stock if that many are available, in one statement that
   * checks and writes together. It locks the row only for as long as the update itself runs.
   *
   * @return 1 if the units were taken, 0 if not enough were available or the product is unknown
   */
  @Transactional
  @Modifying
  @Query(
      "update Stock s set s.quantity = s.quantity - :units"
          + " where s.productId = :productId and s.quantity >= :units")
  int takeIfAvailable(long productId, int units);
}
