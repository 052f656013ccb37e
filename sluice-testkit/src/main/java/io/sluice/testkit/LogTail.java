package io.sluice.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the end of a server log file for error messages.
 */
final class LogTail
{
    static final int LINES = 40;
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    /**
     * The current size of {@code file}, or 0 if it does not exist; pass it to
     * {@link #read(Path, long)} later to see only what was written since.
     */
    static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            return 0;
        }
    }

    /**
     * The last {@value #LINES} lines written to {@code file} after byte {@code offset}, or a short
     * note when there are none.
     */
    static String read(Path file, long offset)
    {
        return read(file, offset, LINES);
    }

    /** The last {@code lines} lines written to {@code file} after byte {@code offset}, or a short note when there are none. */
    static String read(Path file, long offset, int lines)
    {
        String text = readFrom(file, offset);
        if (text.isBlank()) {
            return "(" + file + " is empty)";
        }
        List<String> all = Arrays.asList(text.split("\\R"));
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
    }

    /**
     * Everything written to {@code file} after byte {@code offset} (at most the last 64 KiB).
     */
    static String readFrom(Path file, long offset)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(Math.max(0, offset), size - MAX_BYTES);
            if (start >= size) {
                return "";
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // keep reading
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            return "";
        }
        catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
