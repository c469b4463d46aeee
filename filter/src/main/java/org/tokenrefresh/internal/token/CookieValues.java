package org.tokenrefresh.internal.token;

import java.util.Enumeration;

/**
 * The values of a few cookies of a request, as strings, found by one pass over its {@code Cookie} header(s)
 * under the rules of {@link CookieScan} (size limit, first wins, RFC 6265 cookie-octet). For the per-request
 * token cookies, {@link CookieTokens} reads the same way without making strings.
 */
public final class CookieValues extends CookieScan {

    /** Browsers keep at most 4096 bytes per cookie; anything longer did not come from us. */
    public static final int MAX_VALUE_LENGTH = CookieScan.MAX_VALUE_LENGTH;

    /** Marks a name whose first value was malformed: it stays absent, and later values are duplicates. */
    private static final String MALFORMED = new String("malformed");

    private final String[] values;

    private CookieValues(String[] names) {
        super(CookieSpec.plain(names));
        this.values = new String[names.length];
    }

    /** Scans all {@code Cookie} headers for the given names. */
    public static CookieValues scan(Enumeration<String> cookieHeaders, String... names) {
        CookieValues found = new CookieValues(names);
        found.scanAll(cookieHeaders);
        return found;
    }

    /** Scans one {@code Cookie} header value for the given names. */
    public static CookieValues scan(String cookieHeader, String... names) {
        CookieValues found = new CookieValues(names);
        found.scanHeader(cookieHeader);
        return found;
    }

    /** The value of the name at {@code index} in the scan's name list, or {@code null}. */
    public String get(int index) {
        String value = values[index];
        return value == MALFORMED ? null : value;
    }

    @Override
    boolean has(int index) {
        return values[index] != null;
    }

    @Override
    void found(int index, String text, int start, int end) {
        if (isCookieOctets(text, start, end)) {
            values[index] = text.substring(start, end);
        } else {
            values[index] = MALFORMED;
            reportMalformed(index);
        }
    }

    /**
     * Whether a token received from the backend can be written into cookies as it is: cookie-octets only. Its
     * length is no reason to throw the answer away: a long token is written in chunks.
     */
    public static boolean isWritable(String value) {
        return value != null && !value.isEmpty() && isCookieOctets(value, 0, value.length());
    }
}
