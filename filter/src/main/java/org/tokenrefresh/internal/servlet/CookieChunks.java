package org.tokenrefresh.internal.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.tokenrefresh.internal.config.TokenRefreshSettings;

/**
 * Tokens larger than one cookie ({@code README}, "Large tokens"). A browser keeps about 4,096 bytes per cookie,
 * and identity providers issue tokens of 2 to 16 KB. A token cookie whose {@code name=value} would pass
 * {@code cookie-chunk-size} is written as numbered chunks {@code <name>-1}, {@code <name>-2}, … and the
 * cookie of the plain name is removed; a token that fits is written under its plain name and its chunks are
 * removed. So whatever the browser holds, one rule reads it back: the plain name when present (also when the
 * application's own login wrote one oversized cookie), else the chunks {@code -1}, {@code -2}, … in order
 * until one is missing. {@code __Host-} and {@code __Secure-} names keep their prefix, hence their rules.
 *
 * <p>At most {@link #maxChunks(String)} chunks exist, the number a {@code max-token-size} token needs: chunk names
 * beyond it are neither read nor cleared, so a client that sends {@code authToken-99999} gets no work done.
 */
final class CookieChunks {

    /** Room in each chunk for the name's suffix ({@code -} and up to three digits) and the {@code =}. */
    private static final int SUFFIX_ROOM = 5;

    private final int chunkSize;
    private final int maxTokenSize;

    CookieChunks(TokenRefreshSettings settings) {
        this.chunkSize = settings.cookieChunkSize();
        this.maxTokenSize = settings.maxTokenSize();
    }

    /** The name of chunk {@code index} (from 1) of the cookie {@code name}. */
    static String chunkName(String name, int index) {
        return name + "-" + index;
    }

    /** The characters of token one chunk of this cookie holds. */
    int pieceLength(String name) {
        return chunkSize - name.length() - SUFFIX_ROOM;
    }

    /** Whether the token fits in one cookie of its plain name. */
    boolean fits(String name, String value) {
        return name.length() + 1 + value.length() <= chunkSize;
    }

    /** The pieces of a value that does not fit, in order. */
    List<String> split(String name, String value) {
        int piece = pieceLength(name);
        List<String> pieces = new ArrayList<>(value.length() / piece + 1);
        for (int from = 0; from < value.length(); from += piece) {
            pieces.add(value.substring(from, Math.min(value.length(), from + piece)));
        }
        return pieces;
    }

    /** The most chunks of this cookie a token of {@code max-token-size} needs: the only ones read or cleared. */
    int maxChunks(String name) {
        int piece = Math.max(1, pieceLength(name));
        return (maxTokenSize + piece - 1) / piece;
    }

    /** The highest chunk index of {@code name} in the request's own {@code Cookie} headers, 0 when none. */
    int highestPresent(HttpServletRequest request, String name) {
        int highest = 0;
        int max = maxChunks(name);
        Enumeration<String> headers = raw(request).getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            for (int at = header.indexOf(name); at >= 0; at = header.indexOf(name, at + 1)) {
                int index = chunkIndexAt(header, at, name);
                if (index > highest && index <= max) {
                    highest = index;
                }
            }
        }
        return highest;
    }

    /** The chunk index if {@code header} has the cookie name {@code <name>-<digits>} at {@code at}, else 0. */
    private static int chunkIndexAt(String header, int at, String name) {
        char before = at == 0 ? ';' : header.charAt(at - 1);
        boolean starts = before == ' ' || before == ';' || before == '\t';
        int i = at + name.length();
        if (!starts || i >= header.length() || header.charAt(i) != '-') {
            return 0;
        }
        int index = 0;
        int digits = 0;
        for (i++; i < header.length() && header.charAt(i) >= '0' && header.charAt(i) <= '9' && digits < 4; i++, digits++) {
            index = index * 10 + (header.charAt(i) - '0');
        }
        boolean named = digits > 0 && digits < 4 && i < header.length() && (header.charAt(i) == '=' || header.charAt(i) == ' ');
        return named ? index : 0;
    }

    /** The container's request under the library's own wrappers, which show the application one whole cookie. */
    private static HttpServletRequest raw(HttpServletRequest request) {
        ServletRequest raw = request;
        while (raw instanceof TokenRequest) {
            raw = ((ServletRequestWrapper) raw).getRequest();
        }
        return (HttpServletRequest) raw;
    }
}
