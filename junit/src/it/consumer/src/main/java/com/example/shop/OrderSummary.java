package com.example.shop;

import java.math.BigDecimal;

public record OrderSummary(long id, String customer, BigDecimal total) {}
