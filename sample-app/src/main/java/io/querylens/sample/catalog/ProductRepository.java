package io.querylens.sample.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads products. */
public interface ProductRepository extends JpaRepository<Product, Long> {

  /** Returns the first twenty products by SKU: the first page of the price list. */
  List<Product> findTop20ByOrderBySkuAsc();
}
