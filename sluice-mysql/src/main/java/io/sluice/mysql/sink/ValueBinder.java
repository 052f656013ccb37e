package io.sluice.mysql.sink;

import io.sluice.core.schema.Column;
import io.sluice.core.value.MysqlDate;
import io.sluice.core.value.MysqlDateTime;
import io.sluice.core.value.MysqlTime;
import io.sluice.core.value.MysqlTimestamp;
import io.sluice.core.value.MysqlValueText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;

/**
 * Binds a decoded value as a statement parameter so that the target stores exactly the source's
 * value. Temporal values go as MySQL text (zero dates and negative TIMEs included; TIMESTAMPs in
 * UTC, so the target session runs with {@code time_zone='+00:00'}); floats as their shortest
 * round-trip text; BIT as an unsigned number; bytes as bytes.
 */
final class ValueBinder {
    private ValueBinder() {}

    static void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
            return;
        }
        switch (value) {
            case Integer i -> statement.setInt(index, i);
            case Long l when column.type().category() == io.sluice.core.schema.ColumnType.Category.BIT ->
                    statement.setBigDecimal(index, new BigDecimal(MysqlValueText.unsignedBits(l)));
            case Long l -> statement.setLong(index, l);
            case BigInteger big -> statement.setBigDecimal(index, new BigDecimal(big));
            case BigDecimal decimal -> statement.setBigDecimal(index, decimal);
            case Float f -> statement.setString(index, Float.toString(f));
            case Double d -> statement.setString(index, Double.toString(d));
            case MysqlDate date -> statement.setString(index, date.toString());
            case MysqlTime time -> statement.setString(index, time.format(column.fsp()));
            case MysqlDateTime dateTime -> statement.setString(index, dateTime.format(column.fsp()));
            case MysqlTimestamp timestamp -> statement.setString(index, timestamp.format(column.fsp(), ZoneOffset.UTC));
            case byte[] bytes -> statement.setBytes(index, bytes);
            case String text -> statement.setString(index, text);
            default -> throw new IllegalArgumentException("Cannot bind " + value.getClass().getName() + " for column " + column.name());
        }
    }
}
