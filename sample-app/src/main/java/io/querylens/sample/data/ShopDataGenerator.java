package io.querylens.sample.data;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Fills the freshly created schema (Hibernate's {@code ddl-auto=create-drop}) with the shop's data,
 * before the web server accepts requests.
 *
 * <p>Rows are made by the database itself ({@code INSERT ... SELECT} over a range of numbers), not
 * sent one by one: some 300,000 rows take a few seconds on H2. Large tables are filled in slices of
 * {@value #SLICE} rows so that no single statement comes near the agent's slow-query threshold; the
 * demo's findings should be the ones the endpoints cause, not the start-up's.
 */
@Component
@EnableConfigurationProperties(ShopDataProperties.class)
class ShopDataGenerator implements SmartInitializingSingleton {

  static final int EVENTS_PER_ORDER = 4;
  private static final int SLICE = 1_000;
  private static final Logger log = LoggerFactory.getLogger(ShopDataGenerator.class);

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final ShopDataProperties sizes;

  ShopDataGenerator(DataSource dataSource, ShopDataProperties sizes) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.sizes = sizes;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long start = System.nanoTime();
    SqlFlavor sql = flavor();
    customers(sql);
    products(sql);
    taxRates();
    orders(sql);
    orderLines(sql);
    paymentEvents(sql);
    log.info(
        "Generated {} customers, {} orders, {} payment events and {} products in {} ms",
        sizes.customers(),
        sizes.orders(),
        sizes.paymentEvents(),
        sizes.products(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private SqlFlavor flavor() {
    try {
      return JdbcUtils.extractDatabaseMetaData(dataSource, SqlFlavor::of);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database the shop runs on", e);
    }
  }

  private void customers(SqlFlavor sql) {
    jdbc.update(
        "insert into shop_customer (id, name, email, country_code)"
            + " select n, concat('Customer ', n), concat('customer', n, '@example.com'), 'DE'"
            + " from "
            + sql.numbers(1, sizes.customers()));
  }

  private void products(SqlFlavor sql) {
    jdbc.update(
        "insert into shop_product (id, sku, name, net_price_cents)"
            + " select n, concat('SKU-', lpad(concat('', n), 4, '0')), concat('Product ', n),"
            + " 500 + mod(n * 137, 9500)"
            + " from "
            + sql.numbers(1, sizes.products()));
    // Plenty for any demo: the reservations never run out.
    jdbc.update(
        "insert into shop_stock (product_id, quantity) select id, 1000000 from shop_product");
  }

  private void taxRates() {
    jdbc.update(
        "insert into shop_tax_rate (id, country_code, rate_percent)"
            + " values (1, 'DE', 19), (2, 'FR', 20), (3, 'NL', 21), (4, 'AT', 20)");
  }

  /**
   * Order n belongs to customer {@code n mod customers + 1}, so consecutive orders have different
   * customers, and was placed two minutes after order n - 1. Its one line is {@code 1 + n mod 3}
   * units of product {@code n mod products + 1}.
   */
  private void orders(SqlFlavor sql) {
    inSlices(
        sizes.orders(),
        (from, to) ->
            "insert into shop_order (id, reference, customer_id, placed_at, total_cents)"
                + " select r.n, concat('SO-', lpad(concat('', r.n), 7, '0')),"
                + " mod(r.n, "
                + sizes.customers()
                + ") + 1, "
                + sql.epochPlusSeconds("r.n * 120")
                + ", (1 + mod(r.n, 3)) * p.net_price_cents"
                + " from "
                + sql.numbers(from, to)
                + " join shop_product p on p.id = mod(r.n, "
                + sizes.products()
                + ") + 1");
  }

  private void orderLines(SqlFlavor sql) {
    inSlices(
        sizes.orders(),
        (from, to) ->
            "insert into shop_order_line (id, order_id, product_id, quantity, unit_price_cents)"
                + " select r.n, r.n, p.id, 1 + mod(r.n, 3), p.net_price_cents"
                + " from "
                + sql.numbers(from, to)
                + " join shop_product p on p.id = mod(r.n, "
                + sizes.products()
                + ") + 1");
  }

  /**
   * Four events per order, an hour apart: authorized, captured (capture failed for every seventh
   * order, which stays open on the customer's statement), receipt sent, settled. The provider
   * writes the order number in lower case.
   */
  private void paymentEvents(SqlFlavor sql) {
    inSlices(
        sizes.paymentEvents(),
        (from, to) ->
            "insert into shop_payment_event (id, order_reference, kind, amount_cents, occurred_at)"
                + " select r.n, lower(o.reference), case mod(r.n - 1, 4) when 0 then 'AUTHORIZED'"
                + " when 1 then case when mod(o.id, 7) = 0 then 'CAPTURE_FAILED' else 'CAPTURED'"
                + " end when 2 then 'RECEIPT_SENT' else 'SETTLED' end, o.total_cents, "
                + sql.plusSeconds("o.placed_at", "mod(r.n - 1, 4) * 3600")
                + " from "
                + sql.numbers(from, to)
                + " join shop_order o on o.id = "
                + sql.divide("r.n + 3", EVENTS_PER_ORDER));
  }

  private void inSlices(long rows, SliceStatement statement) {
    for (long from = 1; from <= rows; from += SLICE) {
      jdbc.update(statement.sql(from, Math.min(rows, from + SLICE - 1)));
    }
  }

  @FunctionalInterface
  private interface SliceStatement {
    String sql(long from, long to);
  }
}
