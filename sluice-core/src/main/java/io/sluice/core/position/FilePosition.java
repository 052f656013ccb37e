package io.sluice.core.position;

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * A position in the binlog of one particular server: the binlog file name and the byte offset of
 * an event in it (4 is the first event, after the magic header; 0 is accepted too and means the
 * same to the server). It is only meaningful on the server that wrote the file, which is why GTID
 * positions are preferred when the source has GTIDs enabled. Text form: {@code mysql-bin.000003:4}.
 * Positions order by the numeric suffix of the file name, then by offset.
 */
public record FilePosition(String file, long position)
        implements BinlogPosition, Comparable<FilePosition>
{
    private static final String EXPECTED = "file:position such as mysql-bin.000003:4";

    public FilePosition
    {
        requireNonNull(file, "file is null");
        if (file.isBlank()) {
            throw new IllegalArgumentException("file is blank: '" + file + "'");
        }
        // ':' separates file from position in the text form, and parse() strips surrounding
        // whitespace, so either would break the round trip through toString().
        if (file.indexOf(':') >= 0) {
            throw new IllegalArgumentException("file must not contain ':': '" + file + "'");
        }
        if (!file.strip().equals(file)) {
            throw new IllegalArgumentException("file must not start or end with whitespace: '" + file + "'");
        }
        if (file.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("file must not contain control characters: '" + file + "'");
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
    }

    /**
     * Parses {@code file:position}, e.g. {@code mysql-bin.000003:4}; surrounding whitespace is
     * ignored.
     */
    public static FilePosition parse(String text)
    {
        requireNonNull(text, "text is null");
        try {
            String stripped = text.strip();
            int colon = stripped.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("missing ':' between file and position");
            }
            long position = TextParsing.parseDecimal(stripped.substring(colon + 1), "position", Long.MAX_VALUE);
            return new FilePosition(stripped.substring(0, colon), position);
        }
        catch (IllegalArgumentException e) {
            throw TextParsing.invalid("binlog file position", text, EXPECTED, e);
        }
    }

    /**
     * Returns the numeric suffix of the file name after its last '.', e.g. 3 for
     * {@code mysql-bin.000003}; servers number binlog files this way, so it orders files.
     *
     * @throws IllegalStateException if the file name has no numeric suffix
     */
    public long fileIndex()
    {
        return parseFileIndex(file).orElseThrow(() -> new IllegalStateException(
                "Binlog file name '%s' has no numeric suffix such as .000003".formatted(file)));
    }

    /**
     * Orders by file index, then position. Files without a numeric suffix cannot be placed relative
     * to numbered ones, so they sort first, among themselves by name then position; among numbered
     * files equal index and position are ordered by name, keeping compareTo consistent with equals.
     */
    @Override
    public int compareTo(FilePosition other)
    {
        OptionalLong index = parseFileIndex(file);
        OptionalLong otherIndex = parseFileIndex(other.file);
        if (index.isPresent() != otherIndex.isPresent()) {
            return index.isPresent() ? 1 : -1;
        }
        if (index.isPresent()) {
            int result = Long.compare(index.getAsLong(), otherIndex.getAsLong());
            if (result == 0) {
                result = Long.compare(position, other.position);
            }
            return result != 0 ? result : file.compareTo(other.file);
        }
        int result = file.compareTo(other.file);
        return result != 0 ? result : Long.compare(position, other.position);
    }

    @Override
    public String toString()
    {
        return file + ":" + position;
    }

    private static OptionalLong parseFileIndex(String file)
    {
        String suffix = file.substring(file.lastIndexOf('.') + 1);
        if (suffix.length() == file.length()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(TextParsing.parseDecimal(suffix, "file index", Long.MAX_VALUE));
        }
        catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
