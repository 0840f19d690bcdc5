package io.querylens.sample.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads tax rates. */
public interface TaxRateRepository extends JpaRepository<TaxRate, Long> {

  /**
   * Returns the rate of a country. A query method: unlike {@code findById}, Hibernate's session
   * cannot answer it, so every call is a statement.
   */
  Optional<TaxRate> findByCountryCode(String countryCode);
}
