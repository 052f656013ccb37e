package io.sluice.mysql.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.sluice.mysql.schema.MysqlCharsets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table map event with the raw bytes of its ENUM and SET members (FULL row metadata). The
 * library decodes them with the JVM's default charset, which garbles a latin1 {@code 'é'} or a
 * gbk member; the server writes them in the column's charset, so they are decoded with it here.
 */
public final class ExactTableMap extends TableMapEventData {
    // optional metadata field types (MySQL's Table_map_log_event::Optional_metadata_field_type)
    private static final int SET_STR_VALUE = 5;
    private static final int ENUM_STR_VALUE = 6;

    private List<byte[][]> enumMembers;
    private List<byte[][]> setMembers;

    /**
     * The members of the table's {@code index}-th ENUM column (counting ENUM columns only),
     * decoded with its charset; empty when the binlog does not carry them.
     */
    public Optional<List<String>> enumMembers(int index, String charset) {
        return members(enumMembers, index, charset);
    }

    /** As {@link #enumMembers}, for the {@code index}-th SET column. */
    public Optional<List<String>> setMembers(int index, String charset) {
        return members(setMembers, index, charset);
    }

    private static Optional<List<String>> members(List<byte[][]> all, int index, String charset) {
        if (all == null || index >= all.size()) {
            return Optional.empty();
        }
        MysqlCharsets.TextDecoder decoder = MysqlCharsets.decoder(charset);
        List<String> members = new ArrayList<>();
        for (byte[] member : all.get(index)) {
            members.add(decoder.decode(member));
        }
        return Optional.of(members);
    }

    /** The library's table map deserializer, keeping the members' bytes. */
    static final class Deserializer implements EventDataDeserializer<TableMapEventData> {
        private final TableMapEventDataDeserializer library = new TableMapEventDataDeserializer();

        @Override
        public TableMapEventData deserialize(ByteArrayInputStream in) throws IOException {
            byte[] body = in.read(in.available());
            TableMapEventData parsed = library.deserialize(new ByteArrayInputStream(body));
            ExactTableMap exact = new ExactTableMap();
            exact.setTableId(parsed.getTableId());
            exact.setDatabase(parsed.getDatabase());
            exact.setTable(parsed.getTable());
            exact.setColumnTypes(parsed.getColumnTypes());
            exact.setColumnMetadata(parsed.getColumnMetadata());
            exact.setColumnNullability(parsed.getColumnNullability());
            exact.setEventMetadata(parsed.getEventMetadata());
            if (parsed.getEventMetadata() != null) {
                try {
                    exact.readMembers(new ByteArrayInputStream(body));
                }
                catch (IOException | RuntimeException e) {
                    // the library read the event: its members are used instead
                    exact.enumMembers = null;
                    exact.setMembers = null;
                }
            }
            return exact;
        }
    }

    private void readMembers(ByteArrayInputStream in) throws IOException {
        in.skip(6 + 2); // table id, flags
        in.skip(in.readInteger(1) + 1L); // database and its NUL
        in.skip(in.readInteger(1) + 1L); // table and its NUL
        int columns = in.readPackedInteger();
        in.skip(columns);
        in.skip(in.readPackedInteger()); // column metadata
        in.skip((columns + 7) / 8); // null bitmap
        while (in.available() > 0) {
            int type = in.readInteger(1);
            int length = in.readPackedInteger();
            byte[] value = in.read(length);
            if (type == ENUM_STR_VALUE) {
                enumMembers = parseMembers(value);
            }
            else if (type == SET_STR_VALUE) {
                setMembers = parseMembers(value);
            }
        }
    }

    private static List<byte[][]> parseMembers(byte[] value) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(value);
        List<byte[][]> columns = new ArrayList<>();
        while (in.available() > 0) {
            byte[][] members = new byte[in.readPackedInteger()][];
            for (int i = 0; i < members.length; i++) {
                members[i] = in.read(in.readPackedInteger());
            }
            columns.add(members);
        }
        return columns;
    }
}
