package org.tokenrefresh.internal.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A JWT member name and its three base64url images, which {@link ClaimReader} searches for. */
final class ClaimName {

    /** The characters of an image: the bits of the five bytes {@code "xyz"} that fill whole characters. */
    static final int IMAGE_LENGTH = 6;

    private final String name;
    /** Indexed by character class ({@code (position - payloadStart) & 3}); class 1 has none. */
    private final char[][] images = new char[4][];
    final char[] firsts = new char[4];
    final char[] seconds = new char[4];

    ClaimName(String name) {
        this.name = name;
        byte[] quoted = ('"' + name + '"').getBytes(StandardCharsets.US_ASCII);
        int[] classes = {0, 2, 3};
        for (int alignment = 0; alignment < 3; alignment++) {
            byte[] placed = new byte[9];
            System.arraycopy(quoted, 0, placed, alignment, quoted.length);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(placed);
            int first = classes[alignment];
            images[first] = encoded.substring(first, first + IMAGE_LENGTH).toCharArray();
            firsts[first] = images[first][0];
            seconds[first] = images[first][1];
        }
    }

    boolean matches(String text, int at, int charClass) {
        char[] image = images[charClass];
        for (int i = 0; i < IMAGE_LENGTH; i++) {
            if (text.charAt(at + i) != image[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
