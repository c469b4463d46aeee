package com.example.orders;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JSON API under {@code /api}: resources and providers of this package are found by scanning. */
@ApplicationPath("api")
public class OrdersApi extends Application {
}
