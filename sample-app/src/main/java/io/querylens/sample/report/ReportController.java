package io.querylens.sample.report;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customer statements, without (the problem) and with (the fix) the payment index. */
@RestController
@RequestMapping("/reports/customers/{customerId}/statement")
class ReportController {

  private final CustomerStatementService statements;

  ReportController(CustomerStatementService statements) {
    this.statements = statements;
  }

  @GetMapping("/unindexed")
  CustomerStatement unindexed(@PathVariable long customerId) {
    return statements.statementScanningPayments(customerId);
  }

  @GetMapping("/indexed")
  CustomerStatement indexed(@PathVariable long customerId) {
    return statements.statementUsingIndex(customerId);
  }
}
