package org.tokenrefresh.internal.token;

import java.util.Enumeration;

/**
 * Finds the token cookies in a request's {@code Cookie} header(s) (RFC 6265 section 4.2.1), without the
 * container's cookie parsing and without allocating beyond the values found.
 *
 * <p>Rules, decided here once:
 * <ul>
 * <li>a value longer than {@value #MAX_VALUE_LENGTH} characters, or with a character outside
 * RFC 6265's cookie-octet (CR, LF, space, comma, semicolon, backslash, quote, controls), is
 * <em>malformed</em>: it counts as absent and the problem is reported;</li>
 * <li>a name sent twice: the first wins (browsers send the most specific path first, RFC 6265 section
 * 5.4); the duplicate is reported;</li>
 * <li>surrounding double quotes are removed.</li>
 * </ul>
 */
public final class CookieValues {

    /** Browsers keep at most 4096 bytes per cookie; anything longer did not come from us. */
    public static final int MAX_VALUE_LENGTH = 4096;

    private final String[] names;
    private final String[] values;
    private String problem;

    private CookieValues(String[] names) {
        this.names = names;
        this.values = new String[names.length];
    }

    /** Scans all {@code Cookie} headers for the given names. */
    public static CookieValues scan(Enumeration<String> cookieHeaders, String... names) {
        CookieValues found = new CookieValues(names);
        if (cookieHeaders != null) {
            while (cookieHeaders.hasMoreElements()) {
                found.scanHeader(cookieHeaders.nextElement());
            }
        }
        return found;
    }

    /** Scans one {@code Cookie} header value for the given names. */
    public static CookieValues scan(String cookieHeader, String... names) {
        CookieValues found = new CookieValues(names);
        if (cookieHeader != null) {
            found.scanHeader(cookieHeader);
        }
        return found;
    }

    /** The value of the name at {@code index} in the scan's name list, or {@code null}. */
    public String get(int index) {
        return values[index];
    }

    /** A description of the first malformed or duplicated cookie, or {@code null}. Never contains a value. */
    public String problem() {
        return problem;
    }

    private void scanHeader(String header) {
        int length = header.length();
        int i = 0;
        while (i < length) {
            while (i < length && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int nameStart = i;
            while (i < length && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            int nameEnd = i;
            while (nameEnd > nameStart && header.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            if (i >= length || header.charAt(i) == ';') {
                continue; // a pair without '=' is ignored (RFC 6265 section 5.2 step 2)
            }
            int valueStart = ++i;
            int semicolon = header.indexOf(';', i); // String.indexOf is vectorized by the JIT: values are long
            i = semicolon < 0 ? length : semicolon;
            int valueEnd = i;
            int index = indexOf(header, nameStart, nameEnd);
            if (index >= 0) {
                accept(index, header, valueStart, valueEnd);
            }
        }
    }

    private int indexOf(String header, int start, int end) {
        int length = end - start;
        for (int n = 0; n < names.length; n++) {
            if (names[n].length() == length && header.regionMatches(start, names[n], 0, length)) {
                return n;
            }
        }
        return -1;
    }

    private void accept(int index, String header, int start, int end) {
        while (end > start && (header.charAt(end - 1) == ' ' || header.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end - start >= 2 && header.charAt(start) == '"' && header.charAt(end - 1) == '"') {
            start++;
            end--;
        }
        if (values[index] != null) {
            report("cookie " + names[index] + " sent more than once; the first is used");
            return;
        }
        if (end - start > MAX_VALUE_LENGTH) {
            report("cookie " + names[index] + " is longer than " + MAX_VALUE_LENGTH + " characters; ignored");
            return;
        }
        if (end == start) {
            return;
        }
        for (int i = start; i < end; i++) {
            if (!isCookieOctet(header.charAt(i))) {
                report("cookie " + names[index] + " contains a character not allowed in a cookie value; ignored");
                return;
            }
        }
        values[index] = header.substring(start, end);
    }

    private void report(String description) {
        if (problem == null) {
            problem = description;
        }
    }

    /** RFC 6265 section 4.1.1 cookie-octet, as a table: a token value is checked character by character. */
    private static final boolean[] COOKIE_OCTETS = new boolean[128];

    static {
        for (char c = 0; c < COOKIE_OCTETS.length; c++) {
            COOKIE_OCTETS[c] = c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A)
                    || (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
        }
    }

    /** RFC 6265 section 4.1.1 cookie-octet. */
    static boolean isCookieOctet(char c) {
        return c < COOKIE_OCTETS.length && COOKIE_OCTETS[c];
    }

    /**
     * Whether a token received from the backend can be written into cookies as it is: cookie-octets only. Its
     * length is no reason to throw the answer away: a long token is written in chunks.
     */
    public static boolean isWritable(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isCookieOctet(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
