package io.sluice.launcher.binlog;

import static java.util.Objects.requireNonNull;

import io.sluice.core.event.ChangeEvent;
import io.sluice.core.event.DdlEvent;
import io.sluice.core.event.Row;
import io.sluice.core.event.RowChange;
import io.sluice.core.event.Transaction;
import io.sluice.core.value.MysqlValueText;

import java.io.PrintWriter;
import java.time.ZoneOffset;

/**
 * The text form of {@code sluice binlog tail}: a header line per transaction, then one block per
 * change with {@code column=value} pairs in MySQL's text form (TIMESTAMPs in UTC; strings quoted).
 */
final class TextTransactionPrinter implements TransactionPrinter {
    private final PrintWriter out;

    TextTransactionPrinter(PrintWriter out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void print(Transaction transaction) {
        out.printf("# %s  server_id=%d  %s  %s..%s%n", transaction.id(), transaction.serverId(), transaction.commitTimestamp(),
                transaction.start(), transaction.resumeAfter());
        for (ChangeEvent event : transaction.events()) {
            switch (event) {
                case DdlEvent ddl -> out.printf("DDL%s: %s%n", ddl.database().isEmpty() ? "" : " (" + ddl.database() + ")", ddl.sql());
                case RowChange change -> {
                    out.printf("%s %s%n", change.operation(), change.table().id());
                    if (change.before() != null) {
                        out.printf("  before: %s%n", render(change.before()));
                    }
                    if (change.after() != null) {
                        out.printf("  after:  %s%n", render(change.after()));
                    }
                }
            }
        }
        out.println();
    }

    private static String render(Row row) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (!row.isPresent(i)) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            Object value = row.get(i);
            String rendered = MysqlValueText.render(row.column(i), value, ZoneOffset.UTC);
            text.append(row.column(i).name()).append('=');
            boolean textForm = value instanceof byte[] && row.column(i).type().fixedBinaryLength() > 0;
            if (value instanceof String || textForm || value instanceof io.sluice.core.value.MysqlDate
                    || value instanceof io.sluice.core.value.MysqlTime || value instanceof io.sluice.core.value.MysqlDateTime
                    || value instanceof io.sluice.core.value.MysqlTimestamp) {
                text.append('\'').append(rendered.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
            }
            else {
                text.append(rendered);
            }
        }
        return text.toString();
    }
}
