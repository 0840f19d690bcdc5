package io.querylens.sample.importing;

import org.springframework.data.jpa.repository.JpaRepository;

/** Stores imported supplier prices with identity ids. */
public interface IdentitySupplierPriceRepository
    extends JpaRepository<IdentitySupplierPrice, Long> {}
