package example.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The entity the Hibernate write scenarios persist: SEQUENCE ids, so inserts wait for the flush. */
final class InvoiceModel {

  private InvoiceModel() {}

  /** An imported invoice. */
  @Entity(name = "Invoice")
  @Table(name = "imported_invoice")
  public static class Invoice {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_ids")
    @SequenceGenerator(name = "invoice_ids", sequenceName = "invoice_seq", allocationSize = 50)
    private Long id;

    private String reference;

    protected Invoice() {}

    Invoice(String reference) {
      this.reference = reference;
    }
  }
}
