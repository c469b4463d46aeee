package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mock's reader at its three levels of nesting, and the writer's lists. */
class JsonNestingTest {

    @Test
    void claimsMayHoldArraysOfScalarsOnly() {
        Map<String, Object> claims = Json.parseClaims("{\"sub\":\"x\",\"roles\":[\"a\", \"b\"],\"n\":[1,true,null],\"e\":[]}");

        assertEquals(List.of("a", "b"), claims.get("roles"));
        assertEquals(List.of(), claims.get("e"));
        assertEquals(3, ((List<?>) claims.get("n")).size());
        for (String bad : new String[] {"{\"a\":[[1]]}", "{\"a\":[{}]}", "{\"a\":{}}", "{\"a\":[1,]}", "{\"a\":[1}"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parseClaims(bad), bad);
        }
    }

    @Test
    void documentsMayNestAndWriteReadsBack() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("demo", 3L);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("perUser", inner);
        document.put("list", List.of("a", 1L, List.of(true)));
        document.put("empty", Map.of());

        String json = Json.write(document);

        assertEquals("{\"perUser\":{\"demo\":3},\"list\":[\"a\",1,[true]],\"empty\":{}}", json);
        assertEquals(document, Json.parseDocument(json));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject(json), "request bodies stay flat");
    }
}
