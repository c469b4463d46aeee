package com.example.orders;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/orders}: the signed-in user's orders. */
@Path("orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    private static final String[][] ORDERS = {
        {"A-1042", "Ergonomic chair", "Shipped", "249.00"},
        {"A-1043", "Standing desk", "Packing", "499.00"},
        {"A-1044", "Monitor arm", "Ordered", "89.90"},
    };

    @Context
    private HttpServletRequest request;

    @GET
    public Response orders() {
        AccessToken token = token();
        JsonArrayBuilder orders = Json.createArrayBuilder();
        for (String[] order : ORDERS) {
            orders.add(Json.createObjectBuilder().add("id", order[0]).add("item", order[1]).add("status", order[2])
                    .add("total", order[3]));
        }
        return noStore(Json.createObjectBuilder().add("user", token.subject()).add("orders", orders).build());
    }

    private AccessToken token() {
        return (AccessToken) request.getAttribute(AccessTokenFilter.TOKEN);
    }

    private static Response noStore(JsonObject body) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).build();
    }
}
