package io.sluice.mysql.json;

/**
 * Thrown by {@link MysqlJsonBinaryDecoder} when a byte sequence is not a well-formed MySQL binary JSON
 * value: it is truncated, an offset or size points outside the value, a type byte is unknown, or an
 * embedded DECIMAL/temporal payload is corrupt.
 *
 * <p>The message always states what is wrong and the byte offset (into the array passed to
 * {@link MysqlJsonBinaryDecoder#toJsonText(byte[])}) where the problem was detected; the offset is also
 * available from {@link #offset()}.
 */
public final class MalformedJsonBinaryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    /**
     * @param problem description of what is wrong, without the offset (it is appended)
     * @param offset  byte offset into the decoded array where the problem was detected
     */
    public MalformedJsonBinaryException(String problem, int offset) {
        super("Malformed MySQL binary JSON at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Byte offset into the decoded array where the problem was detected. */
    public int offset() {
        return offset;
    }
}
