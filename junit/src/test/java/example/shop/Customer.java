package example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer; orders point at it lazily. */
@Entity
@Table(name = "customer")
public class Customer {
  @Id
  private Long id;

  private String name;

  protected Customer() {}

  public Customer(long id, String name) {
    this.id = id;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }
}
