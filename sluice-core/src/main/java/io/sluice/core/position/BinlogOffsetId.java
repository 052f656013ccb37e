package io.sluice.core.position;

import static java.util.Objects.requireNonNull;

/**
 * The identity of a transaction on a source without GTIDs: the numeric index of the binlog file
 * (e.g. 3 for {@code mysql-bin.000003}) and the byte offset at which the transaction starts. It is
 * unique only within one server's binlog history, which is all that is available without GTIDs.
 * Text form: {@code 3@1234}.
 */
public record BinlogOffsetId(long fileIndex, long offset)
        implements TransactionId
{
    private static final String EXPECTED = "fileIndex@offset such as 3@1234";

    public BinlogOffsetId
    {
        if (fileIndex < 0) {
            throw new IllegalArgumentException("fileIndex must not be negative: " + fileIndex);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    /**
     * Parses {@code fileIndex@offset}, e.g. {@code 3@1234}; surrounding whitespace is ignored.
     */
    public static BinlogOffsetId parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            String stripped = text.strip();
            int at = stripped.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("missing '@' between file index and offset");
            }
            return new BinlogOffsetId(
                    TextParsing.parseDecimal(stripped.substring(0, at), "file index", Long.MAX_VALUE),
                    TextParsing.parseDecimal(stripped.substring(at + 1), "offset", Long.MAX_VALUE));
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("binlog offset transaction id", text, EXPECTED, e);
        }
    }

    @Override
    public String toString()
    {
        return fileIndex + "@" + offset;
    }
}
