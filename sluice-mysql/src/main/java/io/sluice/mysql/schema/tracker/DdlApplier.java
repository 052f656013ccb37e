package io.sluice.mysql.schema.tracker;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAlterIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableConvertCharSet;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDisableKeys;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropCheck;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropForeignKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableEnableKeys;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableSetComment;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLConstraint;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.ast.statement.SQLTableLike;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlgorithm;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlterColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableDiscardTablespace;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableForce;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableImportTablespace;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableLock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableOption;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableOrderBy;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableValidation;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlTableIndex;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MysqlAlterTableAlterCheck;
import io.sluice.core.schema.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Applies parsed table DDL to a {@link TrackerState}. Within one ALTER TABLE it follows MariaDB's
 * order: table options, index drops, column changes in clause order, index renames, index adds,
 * CONVERT TO CHARACTER SET, and the rename last.
 *
 * <p>When the effect on a table cannot be determined, the table is forgotten if the caller does
 * not need it (the filter rejects it), else a {@link TableProblem} is thrown.
 */
final class DdlApplier {
    private final TrackerState state;
    private final String defaultDatabase;
    private final DdlText text;
    private final BiPredicate<String, String> needed;

    DdlApplier(TrackerState state, String defaultDatabase, DdlText text, BiPredicate<String, String> needed) {
        this.state = state;
        this.defaultDatabase = defaultDatabase;
        this.text = text;
        this.needed = needed;
    }

    void apply(SQLStatement statement) {
        if (statement instanceof SQLCreateTableStatement create) {
            createTable(create);
        }
        else if (statement instanceof SQLAlterTableStatement alter) {
            alterTable(alter);
        }
        else if (statement instanceof MySqlRenameTableStatement rename) {
            renameTables(rename);
        }
        else if (statement instanceof SQLDropTableStatement drop) {
            if (!drop.isTemporary()) {
                for (SQLExprTableSource source : drop.getTableSources()) {
                    state.tables().remove(Names.tableId(source, defaultDatabase));
                }
            }
        }
        else if (statement instanceof SQLCreateIndexStatement create) {
            createIndex(create);
        }
        else if (statement instanceof SQLDropIndexStatement drop) {
            TableId id = Names.tableId(drop.getTableName(), defaultDatabase);
            String name = Names.nameOf(drop.getIndexName());
            changeTable(id, builder -> dropIndex(builder, name));
        }
        else if (!(statement instanceof SQLTruncateStatement)) {
            throw new StatementProblem("the statement was read as " + statement.getClass().getSimpleName() + ", not as table DDL");
        }
    }

    private boolean isNeeded(TableId table) {
        return needed.test(table.database(), table.table());
    }

    /** Runs a change of one table; a problem with a table the caller does not need makes the tracker forget it. */
    private void onTable(TableId table, Runnable change) {
        try {
            change.run();
        }
        catch (TableProblem problem) {
            if (isNeeded(problem.table())) {
                throw problem;
            }
            state.tables().remove(problem.table());
            if (!problem.table().equals(table)) {
                state.tables().remove(table);
            }
        }
    }

    private void changeTable(TableId id, Consumer<TableBuilder> change) {
        TrackedTable current = state.tables().get(id);
        if (current == null) {
            return; // not tracked: the statement cannot change a table the tracker knows
        }
        onTable(id, () -> {
            TableBuilder builder = TableBuilder.of(current, text.ifExists());
            change.accept(builder);
            state.tables().put(id, builder.build());
        });
    }

    // ---------------------------------------------------------------- CREATE TABLE

    private void createTable(SQLCreateTableStatement create) {
        if (create.isTemporary()) {
            return;
        }
        TableId id = Names.tableId(create.getTableSource(), defaultDatabase);
        if (state.tables().containsKey(id) && text.ifExists() && !text.orReplace()) {
            return; // CREATE TABLE IF NOT EXISTS of an existing table changes nothing
        }
        onTable(id, () -> state.tables().put(id, buildCreate(id, create)));
    }

    private TrackedTable buildCreate(TableId id, SQLCreateTableStatement create) {
        SQLExprTableSource like = create.getLike();
        for (SQLTableElement element : create.getTableElementList()) {
            if (element instanceof SQLTableLike tableLike) {
                like = tableLike.getTable();
            }
        }
        if (like != null) {
            TableId source = Names.tableId(like, defaultDatabase);
            TrackedTable original = state.tables().get(source);
            if (original == null) {
                throw new TableProblem(id, "it is created LIKE " + source + ", whose schema is not tracked");
            }
            return original.withId(id);
        }
        if (create.getSelect() != null) {
            throw new TableProblem(id, "CREATE TABLE ... SELECT takes columns from a query (with binlog_format=ROW the source logs the resulting columns instead)");
        }
        DefaultCharset tableDefault = tableOptions(create.getTableOptions(), id, state.databaseDefault(id.database()));
        if (tableDefault == null) {
            tableDefault = state.databaseDefault(id.database());
        }
        TableBuilder builder = new TableBuilder(id, tableDefault, false);
        List<PendingIndex> indexes = new ArrayList<>();
        for (SQLTableElement element : create.getTableElementList()) {
            if (element instanceof SQLColumnDefinition definition) {
                ColumnDefinitions.Definition column = ColumnDefinitions.convert(definition, tableDefault, state, id);
                builder.addColumn(column.column(), false, null);
                columnKeys(column, indexes);
            }
            else {
                PendingIndex index = tableIndex(element, id);
                if (index != null) {
                    indexes.add(index);
                }
            }
        }
        for (PendingIndex index : indexes) {
            builder.addIndex(index.kind(), index.name(), index.type(), index.columns());
        }
        return builder.build();
    }

    /** An index declared in a column definition: PRIMARY KEY / KEY, or UNIQUE (also from SERIAL). */
    private static void columnKeys(ColumnDefinitions.Definition column, List<PendingIndex> indexes) {
        if (column.primaryKey()) {
            indexes.add(new PendingIndex(TrackedIndex.Kind.PRIMARY, null, null, List.of(column.column().name())));
        }
        if (column.uniqueKey()) {
            indexes.add(new PendingIndex(TrackedIndex.Kind.UNIQUE, null, null, List.of(column.column().name())));
        }
    }

    private record PendingIndex(TrackedIndex.Kind kind, String name, String type, List<String> columns) {}

    /** A PRIMARY KEY, UNIQUE, KEY/INDEX, FULLTEXT or SPATIAL element; null for FOREIGN KEY, CHECK and others. */
    private static PendingIndex tableIndex(Object element, TableId table) {
        if (element instanceof MySqlPrimaryKey primaryKey) {
            return new PendingIndex(TrackedIndex.Kind.PRIMARY, null, null, keyColumns(primaryKey.getColumns(), table));
        }
        if (element instanceof MySqlUnique unique) {
            return new PendingIndex(TrackedIndex.Kind.UNIQUE, Names.nameOf(unique.getName()), null, keyColumns(unique.getColumns(), table));
        }
        if (element instanceof MySqlKey key) {
            return new PendingIndex(TrackedIndex.Kind.KEY, Names.nameOf(key.getName()), indexType(key.getIndexDefinition().getType()),
                    keyColumns(key.getColumns(), table));
        }
        if (element instanceof MySqlTableIndex index) {
            String type = indexType(index.getIndexDefinition().getType());
            if (type == null) {
                type = indexType(index.getIndexType());
            }
            return new PendingIndex(TrackedIndex.Kind.KEY, Names.nameOf(index.getName()), type, keyColumns(index.getColumns(), table));
        }
        return null;
    }

    private static String indexType(String type) {
        if (type == null) {
            return null;
        }
        String upper = type.trim().toUpperCase(Locale.ROOT);
        return upper.equals("FULLTEXT") || upper.equals("SPATIAL") ? upper : null;
    }

    private static List<String> keyColumns(List<SQLSelectOrderByItem> items, TableId table) {
        List<String> columns = new ArrayList<>(items.size());
        for (SQLSelectOrderByItem item : items) {
            String column = Names.keyPartColumn(item);
            if (column == null) {
                throw new TableProblem(table, "an index on the expression " + item.getExpr());
            }
            columns.add(column);
        }
        return columns;
    }

    /**
     * The table default from CHARACTER SET / COLLATE options; null when the options set neither.
     * {@code CHARACTER SET DEFAULT} is the database's default.
     */
    private DefaultCharset tableOptions(List<SQLAssignItem> options, TableId table, DefaultCharset databaseDefault) {
        String charset = null;
        String collation = null;
        for (SQLAssignItem option : options) {
            String key = option.getTarget().toString().trim().toUpperCase(Locale.ROOT).replace('_', ' ');
            if (key.startsWith("DEFAULT ")) {
                key = key.substring("DEFAULT ".length()).trim();
            }
            if (key.equals("CHARACTER SET") || key.equals("CHARSET") || key.equals("CHAR SET")) {
                charset = Names.optionValue(option.getValue());
                String collate = Names.attachedCollation(option.getValue());
                if (collate != null) {
                    collation = Names.unquote(collate).toLowerCase(Locale.ROOT);
                }
            }
            else if (key.equals("COLLATE")) {
                collation = Names.optionValue(option.getValue());
            }
        }
        if (charset == null && collation == null) {
            return null;
        }
        if ("default".equals(charset)) {
            if (collation == null) {
                return databaseDefault;
            }
            charset = null;
        }
        return resolveDefault(charset, collation, table);
    }

    private DefaultCharset resolveDefault(String charset, String collation, TableId table) {
        Charsets charsets = state.charsets();
        String cs = charset == null ? null : Charsets.normalizeCharset(charset);
        String co = collation == null ? null : Charsets.normalizeCollation(collation);
        if (cs == null) {
            cs = charsets.charsetOf(co);
        }
        if (co == null) {
            co = charsets.defaultCollation(cs);
        }
        if (cs == null || co == null || !charsets.isKnown(cs)) {
            throw new TableProblem(table, "unknown character set or collation " + (charset != null ? charset : collation));
        }
        return new DefaultCharset(cs, co);
    }

    // ---------------------------------------------------------------- ALTER TABLE

    private void alterTable(SQLAlterTableStatement alter) {
        TableId id = Names.tableId(alter.getTableSource(), defaultDatabase);
        TrackedTable current = state.tables().get(id);
        if (current == null) {
            // an untracked table: only renaming it to a needed name matters
            for (SQLAlterTableItem item : alter.getItems()) {
                if (item instanceof SQLAlterTableRename rename) {
                    TableId target = Names.tableId(rename.getToName(), defaultDatabase);
                    renamedFromUnknown(id, target);
                }
            }
            return;
        }
        onTable(id, () -> alterKnown(id, current, alter));
    }

    private void renamedFromUnknown(TableId source, TableId target) {
        state.tables().remove(target);
        if (isNeeded(target)) {
            throw new TableProblem(target, "it is renamed from " + source + ", whose schema is not tracked");
        }
    }

    private void alterKnown(TableId id, TrackedTable current, SQLAlterTableStatement alter) {
        TableBuilder builder = TableBuilder.of(current, text.ifExists());
        DefaultCharset options = tableOptions(alter.getTableOptions(), id, state.databaseDefault(id.database()));
        if (options != null) {
            builder.defaultCharset(options);
        }
        // index drops come before everything else: "DROP INDEX a, ADD INDEX (a)" reuses the name
        for (SQLAlterTableItem item : alter.getItems()) {
            if (item instanceof SQLAlterTableDropIndex drop) {
                dropIndex(builder, Names.nameOf(drop.getIndexName()));
            }
            else if (item instanceof SQLAlterTableDropKey drop) {
                dropIndex(builder, Names.nameOf(drop.getKeyName()));
            }
            else if (item instanceof SQLAlterTableDropPrimaryKey) {
                builder.dropIndex(TrackedIndex.PRIMARY_NAME);
            }
            else if (item instanceof SQLAlterTableDropConstraint drop) {
                builder.dropConstraint(Names.nameOf(drop.getConstraintName()));
            }
        }
        List<PendingIndex> newIndexes = new ArrayList<>();
        List<SQLAlterTableRenameIndex> indexRenames = new ArrayList<>();
        SQLAlterTableConvertCharSet convert = null;
        TableId renameTo = null;
        for (SQLAlterTableItem item : alter.getItems()) {
            if (item instanceof SQLAlterTableAddColumn add) {
                boolean first = add.isFirst() || add.getFirstColumn() != null;
                String after = Names.nameOf(add.getAfterColumn());
                for (SQLColumnDefinition definition : add.getColumns()) {
                    ColumnDefinitions.Definition column = ColumnDefinitions.convert(definition, builder.defaultCharset(), state, id);
                    int before = builder.columns().size();
                    builder.addColumn(column.column(), first, after);
                    if (builder.columns().size() > before) {
                        columnKeys(column, newIndexes);
                    }
                    if (after != null) {
                        after = column.column().name();
                    }
                }
            }
            else if (item instanceof SQLAlterTableDropColumnItem drop) {
                for (var name : drop.getColumns()) {
                    builder.dropColumn(Names.nameOf(name));
                }
            }
            else if (item instanceof MySqlAlterTableModifyColumn modify) {
                ColumnDefinitions.Definition column = ColumnDefinitions.convert(modify.getNewColumnDefinition(), builder.defaultCharset(), state, id);
                boolean first = modify.isFirst() || modify.getFirstColumn() != null;
                if (builder.replaceColumn(column.column().name(), column.column(), first, Names.nameOf(modify.getAfterColumn()))) {
                    columnKeys(column, newIndexes);
                }
            }
            else if (item instanceof MySqlAlterTableChangeColumn change) {
                ColumnDefinitions.Definition column = ColumnDefinitions.convert(change.getNewColumnDefinition(), builder.defaultCharset(), state, id);
                boolean first = change.isFirst() || change.getFirstColumn() != null;
                if (builder.replaceColumn(Names.nameOf(change.getColumnName()), column.column(), first, Names.nameOf(change.getAfterColumn()))) {
                    columnKeys(column, newIndexes);
                }
            }
            else if (item instanceof SQLAlterTableRenameColumn rename) {
                builder.renameColumn(Names.nameOf(rename.getColumn()), Names.nameOf(rename.getTo()));
            }
            else if (item instanceof SQLAlterTableAddIndex add) {
                String type = indexType(add.getType());
                if (type == null) {
                    type = indexType(add.getIndexDefinition().getType());
                }
                boolean unique = add.isUnique() || "UNIQUE".equalsIgnoreCase(add.getType())
                        || "UNIQUE".equalsIgnoreCase(add.getIndexDefinition().getType());
                newIndexes.add(new PendingIndex(unique ? TrackedIndex.Kind.UNIQUE : TrackedIndex.Kind.KEY,
                        Names.nameOf(add.getName()), type, keyColumns(add.getColumns(), id)));
            }
            else if (item instanceof SQLAlterTableAddConstraint add) {
                SQLConstraint constraint = add.getConstraint();
                PendingIndex index = tableIndex(constraint, id);
                if (index != null) {
                    if (index.name() == null && index.kind() != TrackedIndex.Kind.PRIMARY && constraint.getName() != null) {
                        // ADD CONSTRAINT c UNIQUE (...): the index takes the constraint's name
                        index = new PendingIndex(index.kind(), Names.nameOf(constraint.getName()), index.type(), index.columns());
                    }
                    newIndexes.add(index);
                }
            }
            else if (item instanceof SQLAlterTableRenameIndex rename) {
                indexRenames.add(rename);
            }
            else if (item instanceof SQLAlterTableConvertCharSet convertCharSet) {
                convert = convertCharSet;
            }
            else if (item instanceof SQLAlterTableRename rename) {
                renameTo = Names.tableId(rename.getToName(), defaultDatabase);
            }
            else if (!isHarmless(item)) {
                throw new TableProblem(id, "the ALTER TABLE clause '" + item + "' is not supported");
            }
        }
        for (SQLAlterTableRenameIndex rename : indexRenames) {
            builder.renameIndex(Names.nameOf(rename.getName()), Names.nameOf(rename.getTo()));
        }
        for (PendingIndex index : newIndexes) {
            builder.addIndex(index.kind(), index.name(), index.type(), index.columns());
        }
        if (convert != null) {
            builder.convertTo(convertTarget(convert, id), state.charsets());
        }
        TrackedTable altered = builder.build();
        if (renameTo != null && !renameTo.equals(id)) {
            state.tables().remove(id);
            state.tables().put(renameTo, altered.withId(renameTo));
        }
        else {
            state.tables().put(id, altered);
        }
    }

    private DefaultCharset convertTarget(SQLAlterTableConvertCharSet convert, TableId id) {
        String charset = Names.optionValue(convert.getCharset());
        String collation = Names.optionValue(convert.getCollate());
        if (charset == null || charset.equals("default")) {
            DefaultCharset database = state.databaseDefault(id.database());
            if (collation == null) {
                return database;
            }
            charset = database.charset();
        }
        return resolveDefault(charset, collation, id);
    }

    private static void dropIndex(TableBuilder builder, String name) {
        if (name == null) {
            throw new TableProblem(builder.id(), "cannot tell which index is dropped");
        }
        builder.dropIndex(name.equalsIgnoreCase(TrackedIndex.PRIMARY_NAME) ? TrackedIndex.PRIMARY_NAME : name);
    }

    /** Clauses that change nothing the tracker keeps: algorithm, lock, engine and other options, partitions, foreign keys, checks... */
    private static boolean isHarmless(SQLAlterTableItem item) {
        if (item instanceof MySqlAlterTableAlterColumn alterColumn) {
            return alterColumn.getVisibleType() == null; // SET DEFAULT / DROP DEFAULT
        }
        String name = item.getClass().getSimpleName();
        return item instanceof MySqlAlterTableAlgorithm
                || item instanceof MySqlAlterTableLock
                || item instanceof MySqlAlterTableForce
                || item instanceof MySqlAlterTableOrderBy
                || item instanceof MySqlAlterTableOption
                || item instanceof MySqlAlterTableValidation
                || item instanceof MySqlAlterTableDiscardTablespace
                || item instanceof MySqlAlterTableImportTablespace
                || item instanceof MysqlAlterTableAlterCheck
                || item instanceof SQLAlterTableDropForeignKey
                || item instanceof SQLAlterTableDropCheck
                || item instanceof SQLAlterTableEnableKeys
                || item instanceof SQLAlterTableDisableKeys
                || item instanceof SQLAlterTableAlterIndex
                || item instanceof SQLAlterTableSetComment
                // handled before the other clauses
                || item instanceof SQLAlterTableDropIndex
                || item instanceof SQLAlterTableDropKey
                || item instanceof SQLAlterTableDropPrimaryKey
                || item instanceof SQLAlterTableDropConstraint
                || name.contains("Partition");
    }

    // ---------------------------------------------------------------- RENAME TABLE, CREATE/DROP INDEX

    private void renameTables(MySqlRenameTableStatement rename) {
        for (MySqlRenameTableStatement.Item item : rename.getItems()) {
            TableId source = Names.tableId(item.getName(), defaultDatabase);
            TableId target = Names.tableId(item.getTo(), defaultDatabase);
            TrackedTable table = state.tables().remove(source);
            if (table == null) {
                onTable(target, () -> renamedFromUnknown(source, target));
            }
            else {
                state.tables().put(target, table.withId(target));
            }
        }
    }

    private void createIndex(SQLCreateIndexStatement create) {
        if (!(create.getTable() instanceof SQLExprTableSource source)) {
            throw new StatementProblem("cannot tell the table of the index");
        }
        TableId id = Names.tableId(source, defaultDatabase);
        String name = Names.nameOf(create.getName());
        String kind = create.getType() == null ? "" : create.getType().trim().toUpperCase(Locale.ROOT);
        changeTable(id, builder -> {
            if (text.orReplace() && name != null && builder.hasIndex(name)) {
                builder.dropIndex(name);
            }
            builder.addIndex(kind.equals("UNIQUE") ? TrackedIndex.Kind.UNIQUE : TrackedIndex.Kind.KEY, name,
                    indexType(kind), keyColumns(create.getItems(), id));
        });
    }
}
