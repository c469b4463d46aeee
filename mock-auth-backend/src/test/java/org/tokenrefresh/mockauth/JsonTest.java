package org.tokenrefresh.mockauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesFlatObjectsWithEveryValueKind() {
        Map<String, Object> parsed = Json.parseObject(
                " { \"s\" : \"a\\\"b\\u00e9\\n\", \"n\": -12, \"d\": 1.5e2, \"t\": true, \"f\": false, \"z\": null } ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"bé\n");
        expected.put("n", -12L);
        expected.put("d", 150.0);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        assertEquals(expected, parsed);
        assertEquals(Map.of(), Json.parseObject("{}"));
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : new String[] {"", "[]", "{", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":1,\"a\":2}",
                "{\"a\":{}}", "{\"a\":[1]}", "{a:1}", "{\"a\":01}", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":tru}",
                "{'a':1}"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parseObject(bad), bad);
        }
    }

    @Test
    void writesNestedMapsAndEscapes() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", "d\"e\\m<o>");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("n", 60L);
        body.put("user", user);
        body.put("none", null);

        String json = Json.write(body);

        assertEquals("{\"n\":60,\"user\":{\"username\":\"d\\\"e\\\\m\\u003co\\u003e\"},\"none\":null}", json);
    }

    @Test
    void invalidUtf8IsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Json.utf8(new byte[] {(byte) 0xC3, (byte) 0x28}));
    }
}
