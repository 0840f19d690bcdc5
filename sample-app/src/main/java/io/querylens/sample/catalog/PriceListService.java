package io.querylens.sample.catalog;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** The price list of a country: the first page of products with their gross prices. */
@Service
public class PriceListService {

  private final ProductRepository products;
  private final TaxRateRepository taxRates;
  private final CachedTaxRates cachedTaxRates;

  PriceListService(
      ProductRepository products, TaxRateRepository taxRates, CachedTaxRates cachedTaxRates) {
    this.products = products;
    this.taxRates = taxRates;
    this.cachedTaxRates = cachedTaxRates;
  }

  /**
   * <b>Deliberately wrong</b>, to show a {@code REPEATED_QUERY}: looks the country's tax rate up
   * again for every product. The rate is the same row each time, so all but the first of these
   * twenty identical statements return what the first one already had.
   */
  public List<PricedProduct> priceListLookingUpTheRateForEachProduct(String countryCode) {
    List<PricedProduct> priceList = new ArrayList<>();
    for (Product product : products.findTop20ByOrderBySkuAsc()) {
      TaxRate rate =
          taxRates
              .findByCountryCode(countryCode) // marker: repeated-query
              .orElseThrow(() -> unknownCountry(countryCode));
      priceList.add(priced(product, rate));
    }
    return priceList;
  }

  /**
   * The fixed twin of {@link #priceListLookingUpTheRateForEachProduct}: takes the rate from {@link
   * CachedTaxRates}, so the database is asked at most once per country for the whole run.
   */
  public List<PricedProduct> priceListWithCachedRate(String countryCode) {
    List<PricedProduct> priceList = new ArrayList<>();
    for (Product product : products.findTop20ByOrderBySkuAsc()) {
      priceList.add(priced(product, cachedTaxRates.rateFor(countryCode)));
    }
    return priceList;
  }

  private static PricedProduct priced(Product product, TaxRate rate) {
    return new PricedProduct(
        product.getSku(),
        product.getName(),
        product.getNetPriceCents(),
        rate.grossCents(product.getNetPriceCents()));
  }

  static ResponseStatusException unknownCountry(String countryCode) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "The shop does not sell to country " + countryCode);
  }
}
