package example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An order, with its customer loaded lazily: reading each order's customer in a loop is an N+1. */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
public class CustomerOrder {
  @Id
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "customer_id")
  private Customer customer;

  protected CustomerOrder() {}

  public CustomerOrder(long id, Customer customer) {
    this.id = id;
    this.customer = customer;
  }

  public Long getId() {
    return id;
  }

  public Customer getCustomer() {
    return customer;
  }
}
