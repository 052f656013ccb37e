package io.sluice.mysql.schema.tracker;

import static java.util.Objects.requireNonNull;

/** A resolved character set and collation: a server's, database's or table's default, or a column's. */
record DefaultCharset(String charset, String collation) {
    DefaultCharset {
        requireNonNull(charset, "charset is null");
        requireNonNull(collation, "collation is null");
    }

    @Override
    public String toString() {
        return charset + " " + collation;
    }
}
