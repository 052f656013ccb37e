package io.sluice.mysql.predicate;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.Row;

/**
 * A {@code 0x..} literal: a binary string in string contexts and an unsigned integer in numeric
 * ones ({@code 0x41 = 'A'} and {@code 0x41 = 65} are both true), unlike {@code X'41'}, which is
 * always a string.
 */
record HexHybrid(String bytes, Long number) implements Eval {
    HexHybrid {
        requireNonNull(bytes, "bytes is null");
    }

    @Override
    public SqlType type() {
        return SqlType.string(Collation.BINARY, SqlType.Derivation.COERCIBLE, false);
    }

    @Override
    public Object eval(Row row) {
        return bytes;
    }

    @Override
    public boolean isConstant() {
        return true;
    }

    /** The literal as a number; IllegalArgumentException when it is longer than 8 bytes. */
    Eval asNumber() {
        if (number == null) {
            throw new IllegalArgumentException("the hex literal 0x... is longer than 8 bytes and has no integer value");
        }
        return new Constant(SqlType.UNSIGNED, number);
    }
}
