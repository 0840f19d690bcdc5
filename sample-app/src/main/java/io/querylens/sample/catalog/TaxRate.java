package io.querylens.sample.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The value-added tax rate of one country. Rows are generated at start-up. */
@Entity
@Table(name = "shop_tax_rate")
public class TaxRate {

  @Id private Long id;

  @Column(nullable = false, unique = true, length = 2)
  private String countryCode;

  @Column(nullable = false)
  private int ratePercent;

  /** For JPA. */
  protected TaxRate() {}

  /** Returns the ISO 3166 country code, such as {@code DE}. */
  public String getCountryCode() {
    return countryCode;
  }

  /** Returns the rate in percent, such as {@code 19}. */
  public int getRatePercent() {
    return ratePercent;
  }

  /** Returns {@code netCents} with this tax added, rounded half up to a whole cent. */
  public long grossCents(long netCents) {
    return (netCents * (100 + ratePercent) + 50) / 100;
  }
}
