package io.querylens.agent.it.workload;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The Hibernate workload's entity; ids are assigned so no sequence statements muddy the counts. */
@Entity
@Table(name = "ql_customer")
public class Customer {

  @Id private Long id;

  private String name;

  /** For Hibernate. */
  protected Customer() {}

  Customer(long id, String name) {
    this.id = id;
    this.name = name;
  }

  Long getId() {
    return id;
  }

  String getName() {
    return name;
  }
}
