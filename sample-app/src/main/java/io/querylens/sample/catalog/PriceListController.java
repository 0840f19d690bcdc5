package io.querylens.sample.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The price list, uncached (the problem) and cached (the fix). */
@RestController
@RequestMapping("/catalog/price-list")
class PriceListController {

  private final PriceListService priceLists;

  PriceListController(PriceListService priceLists) {
    this.priceLists = priceLists;
  }

  @GetMapping("/uncached")
  List<PricedProduct> uncached(@RequestParam(defaultValue = "DE") String country) {
    return priceLists.priceListLookingUpTheRateForEachProduct(country);
  }

  @GetMapping("/cached")
  List<PricedProduct> cached(@RequestParam(defaultValue = "DE") String country) {
    return priceLists.priceListWithCachedRate(country);
  }
}
