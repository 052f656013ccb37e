package io.sluice.mysql.schema.tracker;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import io.sluice.core.schema.TableId;

import java.util.Locale;

/** Identifier handling: unquoting what Druid keeps quoted, and resolving table names against the default database. */
final class Names {
    private Names() {}

    /** Removes backquotes, double or single quotes around a name, undoubling quotes inside. */
    static String unquote(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() >= 2) {
            char first = name.charAt(0);
            char last = name.charAt(name.length() - 1);
            if ((first == '`' || first == '"' || first == '\'') && last == first) {
                String inner = name.substring(1, name.length() - 1);
                String doubled = String.valueOf(first) + first;
                inner = inner.replace(doubled, String.valueOf(first));
                if (first != '`') {
                    inner = inner.replace("\\" + first, String.valueOf(first));
                }
                return inner;
            }
        }
        return name;
    }

    static String quote(String identifier) {
        return TableId.quote(identifier);
    }

    /** The plain name of an identifier, property or literal expression; null for anything else. */
    static String nameOf(SQLExpr expr) {
        if (expr == null) {
            return null;
        }
        if (expr instanceof SQLCharExpr text) {
            return text.getText();
        }
        if (expr instanceof SQLIdentifierExpr identifier) {
            return unquote(identifier.getName());
        }
        if (expr instanceof SQLPropertyExpr property) {
            return unquote(property.getName());
        }
        if (expr instanceof SQLName name) {
            return unquote(name.getSimpleName());
        }
        return null;
    }

    /** A charset or collation name given as identifier or string; lower case. */
    static String optionValue(SQLExpr expr) {
        String value = nameOf(expr);
        if (value == null && expr != null) {
            value = unquote(expr.toString());
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /**
     * A COLLATE the parser attached to a charset name ({@code CHARACTER SET latin1 COLLATE latin1_bin}
     * read as one expression); null when there is none.
     */
    static String attachedCollation(SQLExpr expr) {
        if (expr instanceof SQLIdentifierExpr identifier && identifier.getCollate() != null) {
            return identifier.getCollate();
        }
        Object attribute = expr == null ? null : expr.getAttribute("COLLATE");
        return attribute == null ? null : attribute.toString();
    }

    /** The column a key part names: {@code col} or the prefix form {@code col(10)}; null for expressions. */
    static String keyPartColumn(SQLSelectOrderByItem item) {
        SQLExpr expr = item.getExpr();
        if (expr instanceof SQLIdentifierExpr identifier) {
            return unquote(identifier.getName());
        }
        if (expr instanceof SQLMethodInvokeExpr prefix && prefix.getOwner() == null) {
            return unquote(prefix.getMethodName());
        }
        return null;
    }

    static TableId tableId(SQLExprTableSource source, String defaultDatabase) {
        return tableId(source.getExpr(), defaultDatabase);
    }

    /** {@code db.t} or {@code t} in the default database. */
    static TableId tableId(SQLExpr expr, String defaultDatabase) {
        if (expr instanceof SQLPropertyExpr property && property.getOwner() instanceof SQLName owner) {
            return new TableId(unquote(owner.getSimpleName()), unquote(property.getName()));
        }
        if (expr instanceof SQLIdentifierExpr identifier) {
            if (defaultDatabase == null || defaultDatabase.isEmpty()) {
                throw new StatementProblem("table " + unquote(identifier.getName()) + " is not qualified and there is no default database");
            }
            return new TableId(defaultDatabase, unquote(identifier.getName()));
        }
        throw new StatementProblem("cannot tell which table '" + expr + "' names");
    }

    static TableId tableId(DdlText.QualifiedName name, String defaultDatabase) {
        String database = name.database() != null ? name.database() : defaultDatabase;
        if (database == null || database.isEmpty()) {
            return null;
        }
        return new TableId(database, name.table());
    }
}
