package io.sluice.launcher.binlog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.schema.Column;
import io.sluice.core.value.MysqlValueText;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code --json} form of {@code sluice binlog tail}: one JSON object per line and transaction.
 * Values are lossless: integers of every width (BIGINT UNSIGNED too) and BIT are JSON numbers
 * written exactly, DECIMAL is a string keeping its scale, FLOAT/DOUBLE are the shortest numbers
 * that read back to the same value, temporal values are MySQL's text with all fractional digits
 * of the column (TIMESTAMP in UTC), MariaDB's UUID/INET6/INET4 are their text as SELECT shows it,
 * other binary values are lowercase hex strings, and columns absent
 * from a MINIMAL/NOBLOB image are omitted while NULL is {@code null}.
 */
final class JsonTransactionPrinter implements TransactionPrinter {
    private static final HexFormat HEX = HexFormat.of();

    private final PrintWriter out;
    private final JsonFactory factory = new JsonFactory();

    JsonTransactionPrinter(PrintWriter out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void print(Transaction transaction) throws IOException {
        JsonGenerator json = factory.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeStringField("id", transaction.id().toString());
        json.writeNumberField("serverId", transaction.serverId());
        json.writeStringField("timestamp", transaction.commitTimestamp().toString());
        json.writeStringField("start", transaction.start().toString());
        json.writeObjectFieldStart("resumeAfter");
        json.writeStringField("file", transaction.resumeAfter().file().toString());
        if (transaction.resumeAfter().gtid() != null) {
            json.writeStringField("gtid", transaction.resumeAfter().gtid().toString());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("events");
        for (ChangeEvent event : transaction.events()) {
            json.writeStartObject();
            switch (event) {
                case DdlEvent ddl -> {
                    json.writeStringField("type", "ddl");
                    json.writeStringField("database", ddl.database());
                    json.writeStringField("sql", ddl.sql());
                }
                case RowChange change -> {
                    json.writeStringField("type", change.operation().name().toLowerCase(Locale.ROOT));
                    json.writeStringField("database", change.table().id().database());
                    json.writeStringField("table", change.table().id().table());
                    if (change.before() != null) {
                        json.writeFieldName("before");
                        writeRow(json, change.before());
                    }
                    if (change.after() != null) {
                        json.writeFieldName("after");
                        writeRow(json, change.after());
                    }
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        out.println();
    }

    private static void writeRow(JsonGenerator json, Row row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
            if (row.isPresent(i)) {
                json.writeFieldName(row.column(i).name());
                writeValue(json, row.column(i), row.get(i));
            }
        }
        json.writeEndObject();
    }

    static void writeValue(JsonGenerator json, Column column, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (column.type().category()) {
            case INTEGER, YEAR -> {
                if (value instanceof BigInteger big) {
                    json.writeNumber(big);
                }
                else {
                    json.writeNumber(((Number) value).longValue());
                }
            }
            case BIT -> json.writeNumber(MysqlValueText.unsignedBits((Long) value));
            case DECIMAL -> json.writeString(((BigDecimal) value).toPlainString());
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            default -> {
                if (value instanceof byte[] bytes && column.type().fixedBinaryLength() == 0) {
                    json.writeString(HEX.formatHex(bytes));
                }
                else {
                    json.writeString(MysqlValueText.render(column, value, ZoneOffset.UTC));
                }
            }
        }
    }
}
