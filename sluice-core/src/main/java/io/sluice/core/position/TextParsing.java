package io.sluice.core.position;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict parsing helpers shared by the position parsers. The helpers throw
 * {@link IllegalArgumentException}s that describe only the local problem; each public
 * {@code parse} method wraps them with {@link #invalid} so that the message a user sees always
 * quotes the whole input and the expected form, followed by the specific problem.
 */
final class TextParsing
{
    static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    // Only the canonical 8-4-4-4-12 form: UUID.fromString alone would accept "1-2-3-4-5".
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TextParsing() {}

    /**
     * Parses a decimal number in {@code [0, max]}. {@link Long#parseLong} is not used because it
     * accepts a sign and non-ASCII digits, neither of which a server ever prints.
     */
    static long parseDecimal(String value, String what, long max)
    {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("%s '%s' is not a non-negative decimal number".formatted(what, value));
            }
            int digit = c - '0';
            if (result > (max - digit) / 10) {
                throw new IllegalArgumentException("%s '%s' is larger than the maximum %s".formatted(what, value, max));
            }
            result = result * 10 + digit;
        }
        return result;
    }

    static UUID parseUuid(String value)
    {
        if (!UUID_PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException("'%s' is not a UUID of the form 3e11fa47-71ca-11e1-9e33-c80aa9429562".formatted(value));
        }
        return UUID.fromString(value);
    }

    /**
     * Whether the text looks like an attempt at a UUID (hex digits and dashes, roughly UUID long);
     * used only to route input to the parser whose error message will be most helpful.
     */
    static boolean looksLikeUuid(String value)
    {
        return value.length() >= 32 && value.chars().allMatch(c -> c == '-' || isAsciiHexDigit(c));
    }

    private static boolean isAsciiHexDigit(int c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static IllegalArgumentException invalid(String kind, String text, String expected, IllegalArgumentException problem)
    {
        return new IllegalArgumentException(
                "Invalid %s '%s': expected %s (%s)".formatted(kind, text, expected, problem.getMessage()),
                problem);
    }
}
