package io.querylens.sample.importing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads a supplier price list: a header line {@value #HEADER}, then one row per line. Fields never
 * contain commas, so no quoting is supported.
 */
public final class SupplierPriceCsv {

  /** The header line the CSV must start with. */
  public static final String HEADER = "supplier,sku,price_cents";

  private SupplierPriceCsv() {}

  /**
   * Parses the CSV text.
   *
   * @throws ResponseStatusException 400 naming the first malformed line
   */
  public static List<SupplierPriceRow> parse(String csv) {
    String[] lines = csv.strip().split("\r?\n");
    if (!lines[0].strip().equals(HEADER)) {
      throw badRequest("the first line must be the header " + HEADER + " but was: " + lines[0]);
    }
    List<SupplierPriceRow> rows = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != 3 || fields[0].isBlank() || fields[1].isBlank()) {
        throw badRequest("line " + (i + 1) + " needs supplier,sku,price_cents but was: " + line);
      }
      try {
        rows.add(new SupplierPriceRow(fields[0], fields[1], Long.parseLong(fields[2])));
      } catch (NumberFormatException e) {
        throw badRequest("line " + (i + 1) + " has a price that is not a whole number: " + line);
      }
    }
    return rows;
  }

  private static ResponseStatusException badRequest(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, "Malformed price list: " + reason);
  }
}
