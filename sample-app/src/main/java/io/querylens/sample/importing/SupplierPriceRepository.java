package io.querylens.sample.importing;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores imported supplier prices with sequence ids. */
public interface SupplierPriceRepository extends JpaRepository<SupplierPrice, Long> {}
