package io.sluice.cli.repl;

import java.io.OutputStream;
import java.io.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The byte side of a {@link Writer}: a REPL on given streams (piped stdin, tests) gets a JLine terminal whose
 * output, the prompt and the echoed line, lands in the same writer as the replies, in order. A multi-byte
 * character split across writes is kept until its last byte arrives. Closing does not close the writer.
 */
final class WriterOutputStream
        extends OutputStream
{
    private final Writer writer;
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Writer writer)
    {
        this.writer = requireNonNull(writer, "writer is null");
    }

    @Override
    public void write(int b)
            throws IOException
    {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
            throws IOException
    {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int chunk = Math.min(pending.remaining(), end - position);
            pending.put(bytes, position, chunk);
            position += chunk;
            decode();
        }
    }

    private void decode()
            throws IOException
    {
        pending.flip();
        while (true) {
            boolean overflow = decoder.decode(pending, chars, false).isOverflow();
            chars.flip();
            writer.append(chars);
            chars.clear();
            if (!overflow) {
                break;
            }
        }
        // what is left is the start of a character whose remaining bytes come with the next write
        pending.compact();
    }

    @Override
    public void flush()
            throws IOException
    {
        writer.flush();
    }

    @Override
    public void close()
            throws IOException
    {
        flush();
    }
}
