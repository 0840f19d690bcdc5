package io.querylens.sample.catalog;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tax rates through Spring's cache: the database is asked once per country, then never again while
 * the application runs. Rates change a few times a decade, by law, with notice; a restart (or
 * evicting {@value #CACHE}) picks up a new one.
 *
 * <p>A bean of its own because {@link Cacheable} works through Spring's proxy, which a call from
 * inside the same class would bypass.
 */
@Component
public class CachedTaxRates {

  /** The name of the cache holding rates by country code. */
  public static final String CACHE = "taxRates";

  private final TaxRateRepository taxRates;

  CachedTaxRates(TaxRateRepository taxRates) {
    this.taxRates = taxRates;
  }

  /**
   * Returns the rate of a country, from the cache after the first call.
   *
   * @throws ResponseStatusException 404 if the shop does not sell to that country
   */
  @Cacheable(CACHE)
  public TaxRate rateFor(String countryCode) {
    return taxRates
        .findByCountryCode(countryCode)
        .orElseThrow(() -> PriceListService.unknownCountry(countryCode));
  }
}
