package io.querylens.sample.importing;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Supplier price imports, row by row (the problem) and batched (the fix). Body: CSV text. */
@RestController
@RequestMapping("/imports/supplier-prices")
class ImportController {

  private final SupplierPriceImportService imports;

  ImportController(SupplierPriceImportService imports) {
    this.imports = imports;
  }

  @PostMapping(
      path = "/row-by-row",
      consumes = {"text/csv", "text/plain"})
  ImportResult rowByRow(@RequestBody String csv) {
    return imports.importRowByRow(csv);
  }

  @PostMapping(
      path = "/batched",
      consumes = {"text/csv", "text/plain"})
  ImportResult batched(@RequestBody String csv) {
    return imports.importBatched(csv);
  }
}
