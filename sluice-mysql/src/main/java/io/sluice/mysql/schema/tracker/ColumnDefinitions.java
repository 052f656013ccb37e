package io.sluice.mysql.schema.tracker;

import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLDataTypeImpl;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import com.alibaba.druid.sql.ast.statement.SQLColumnConstraint;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLColumnUniqueKey;
import com.alibaba.druid.sql.ast.statement.SQLNotNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLNullConstraint;
import io.sluice.core.schema.TableId;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a column definition as Druid parsed it into a resolved {@link TrackedColumn}, the way
 * MariaDB does: type aliases, default lengths, TEXT(n)/BLOB(n) sizing, charset and collation
 * from the column, else the table, {@code CHARACTER SET binary} turning text types into binary
 * ones, JSON as LONGTEXT utf8mb4_bin, and nullability (NOT NULL, PRIMARY KEY, AUTO_INCREMENT,
 * SERIAL, TIMESTAMP without explicit_defaults_for_timestamp).
 */
final class ColumnDefinitions {
    private ColumnDefinitions() {}

    /** A converted column and the keys its definition declares. */
    record Definition(TrackedColumn column, boolean primaryKey, boolean uniqueKey) {}

    static Definition convert(SQLColumnDefinition definition, DefaultCharset tableDefault, TrackerState state, TableId table) {
        String name = Names.nameOf(definition.getName());
        if (name == null || name.isEmpty()) {
            throw new TableProblem(table, "cannot read the column name of '" + definition + "'");
        }
        SQLDataType dataType = definition.getDataType();
        if (dataType == null) {
            throw new TableProblem(table, "column " + name + " has no type");
        }
        String typeName = dataType.getName().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean unsigned = false;
        if (dataType instanceof SQLDataTypeImpl impl) {
            unsigned = impl.isUnsigned() || impl.isZerofill();
        }
        for (String suffix : List.of(" unsigned", " zerofill", " signed")) {
            if (typeName.endsWith(suffix)) {
                typeName = typeName.substring(0, typeName.length() - suffix.length()).trim();
                unsigned |= !suffix.equals(" signed");
            }
        }
        List<SQLExpr> arguments = dataType.getArguments();

        // charset and collation may sit on the type or on the column, depending on where they were written
        String charset = null;
        String collation = null;
        boolean binaryAttribute = false;
        if (dataType instanceof SQLCharacterDataType character) {
            charset = clean(character.getCharSetName());
            collation = clean(character.getCollate());
            binaryAttribute = character.isHasBinary();
        }
        if (definition.getCharsetExpr() != null) {
            charset = Names.optionValue(definition.getCharsetExpr());
            String collate = Names.attachedCollation(definition.getCharsetExpr());
            if (collate != null) {
                collation = clean(collate);
            }
        }
        if (definition.getCollateExpr() != null) {
            collation = Names.optionValue(definition.getCollateExpr());
        }

        Boolean explicitNullable = null;
        boolean primaryKey = false;
        boolean uniqueKey = false;
        for (SQLColumnConstraint constraint : definition.getConstraints()) {
            if (constraint instanceof SQLNotNullConstraint) {
                explicitNullable = false;
            }
            else if (constraint instanceof SQLNullConstraint) {
                explicitNullable = true;
            }
            else if (constraint instanceof SQLColumnPrimaryKey) {
                primaryKey = true;
            }
            else if (constraint instanceof SQLColumnUniqueKey) {
                uniqueKey = true;
            }
        }
        boolean nullable = explicitNullable == null || explicitNullable;
        if (definition.isAutoIncrement() && explicitNullable == null) {
            nullable = false; // AUTO_INCREMENT implies NOT NULL unless NULL is written
        }

        String type;
        long length = 0;
        int precision = 0;
        int scale = 0;
        int fsp = 0;
        List<String> members = List.of();
        boolean textual = false;
        boolean national = false;
        Long declaredTextLength = null;
        switch (typeName) {
            case "tinyint", "int1", "bool", "boolean" -> type = "tinyint";
            case "smallint", "int2" -> type = "smallint";
            case "mediumint", "int3", "middleint" -> type = "mediumint";
            case "int", "integer", "int4" -> type = "int";
            case "bigint", "int8" -> type = "bigint";
            case "serial" -> {
                type = "bigint";
                unsigned = true;
                nullable = false;
                uniqueKey = true;
            }
            case "decimal", "dec", "numeric", "fixed" -> {
                type = "decimal";
                precision = arguments.isEmpty() ? 10 : intArgument(arguments, 0, table, name);
                scale = arguments.size() < 2 ? 0 : intArgument(arguments, 1, table, name);
            }
            case "float", "float4" -> type = arguments.size() == 1 && intArgument(arguments, 0, table, name) > 24 ? "double" : "float";
            case "double", "double precision", "real", "float8" -> type = "double";
            case "bit" -> {
                type = "bit";
                length = arguments.isEmpty() ? 1 : intArgument(arguments, 0, table, name);
            }
            case "date" -> type = "date";
            case "year" -> type = "year";
            case "time", "datetime", "timestamp" -> {
                type = typeName;
                fsp = arguments.isEmpty() ? 0 : intArgument(arguments, 0, table, name);
                if (typeName.equals("timestamp") && explicitNullable == null && !state.explicitDefaultsForTimestamp()) {
                    nullable = false;
                }
            }
            case "char", "character", "nchar" -> {
                type = "char";
                length = arguments.isEmpty() ? 1 : intArgument(arguments, 0, table, name);
                textual = true;
                national = typeName.equals("nchar");
            }
            case "varchar", "varcharacter", "nvarchar" -> {
                type = "varchar";
                if (arguments.isEmpty()) {
                    throw new TableProblem(table, "column " + name + " is VARCHAR without a length");
                }
                length = intArgument(arguments, 0, table, name);
                textual = true;
                national = typeName.equals("nvarchar");
            }
            case "tinytext", "text", "mediumtext", "longtext", "long" -> {
                type = typeName.equals("long") ? "mediumtext" : typeName;
                if (typeName.equals("text") && !arguments.isEmpty()) {
                    declaredTextLength = (long) intArgument(arguments, 0, table, name);
                }
                textual = true;
            }
            case "binary" -> {
                type = "binary";
                length = arguments.isEmpty() ? 1 : intArgument(arguments, 0, table, name);
            }
            case "varbinary" -> {
                type = "varbinary";
                if (arguments.isEmpty()) {
                    throw new TableProblem(table, "column " + name + " is VARBINARY without a length");
                }
                length = intArgument(arguments, 0, table, name);
            }
            case "tinyblob", "blob", "mediumblob", "longblob" -> {
                type = typeName.equals("blob") && !arguments.isEmpty()
                        ? TrackedColumn.blobTypeFor(intArgument(arguments, 0, table, name))
                        : typeName;
                length = TrackedColumn.capacity(type);
            }
            case "enum", "set" -> {
                type = typeName;
                members = members(arguments, table, name);
                textual = true;
            }
            case "json" -> {
                // MariaDB: an alias of LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin (with a JSON_VALID check)
                return new Definition(new TrackedColumn(name, "longtext", null, false, TrackedColumn.LONG, 0, 0, 0,
                        "utf8mb4", "utf8mb4_bin", List.of(), nullable && !primaryKey), primaryKey, uniqueKey);
            }
            case "uuid", "inet6", "inet4" -> {
                // MariaDB's fixed-width binary types: values are their 16 or 4 bytes, the type name is kept for the target
                type = typeName;
                length = typeName.equals("inet4") ? 4 : 16;
            }
            default -> {
                if (TrackedColumn.GEOMETRY_TYPES.contains(typeName)) {
                    type = typeName;
                }
                else {
                    // a type Sluice cannot represent (VECTOR...): kept, and reported when the schema is asked for
                    return new Definition(new TrackedColumn(name, typeName, dataType.toString(), false, 0, 0, 0, 0,
                            null, null, List.of(), nullable && !primaryKey), primaryKey, uniqueKey);
                }
            }
        }
        if (primaryKey) {
            nullable = false;
        }
        if (!textual) {
            return new Definition(new TrackedColumn(name, type, null, unsigned, length, precision, scale, fsp,
                    null, null, members, nullable), primaryKey, uniqueKey);
        }

        DefaultCharset resolved = resolve(charset, collation, binaryAttribute, national, tableDefault, state.charsets(), table, name);
        int maxLength = state.charsets().maxLength(resolved.charset());
        if (maxLength == 0) {
            throw new TableProblem(table, "column " + name + " uses the unknown character set " + resolved.charset());
        }
        if (declaredTextLength != null) {
            // TEXT(n): the smallest TEXT type that holds n characters
            type = TrackedColumn.textTypeFor(declaredTextLength * maxLength);
        }
        if (TrackedColumn.TEXT_TYPES.contains(type)) {
            length = TrackedColumn.capacity(type);
        }
        TrackedColumn column = new TrackedColumn(name, type, null, false, length, 0, 0, 0,
                resolved.charset(), resolved.collation(), members, nullable);
        if (resolved.charset().equals("binary")) {
            column = toBinary(column);
        }
        return new Definition(column, primaryKey, uniqueKey);
    }

    /**
     * Column charset and collation: explicit ones win; a charset alone takes its default
     * collation (its {@code _bin} one with the BINARY attribute); a collation alone implies its
     * charset; neither takes the table's default.
     */
    static DefaultCharset resolve(String charset, String collation, boolean binaryAttribute, boolean national,
            DefaultCharset tableDefault, Charsets charsets, TableId table, String column) {
        String cs = charset == null ? null : Charsets.normalizeCharset(charset);
        String co = collation == null ? null : Charsets.normalizeCollation(collation);
        if (cs != null && cs.equals("default")) {
            cs = null;
        }
        if (cs == null && national) {
            cs = "utf8mb3";
        }
        if (cs == null && co == null) {
            return binaryAttribute ? new DefaultCharset(tableDefault.charset(), Charsets.binaryCollation(tableDefault.charset())) : tableDefault;
        }
        if (cs == null) {
            cs = charsets.charsetOf(co);
            if (cs == null) {
                throw new TableProblem(table, "column " + column + " uses the unknown collation " + co);
            }
        }
        if (co == null) {
            co = binaryAttribute ? Charsets.binaryCollation(cs) : charsets.defaultCollation(cs);
            if (co == null) {
                throw new TableProblem(table, "column " + column + " uses the unknown character set " + cs);
            }
        }
        return new DefaultCharset(cs, co);
    }

    /** A text column in {@code CHARACTER SET binary}: CHAR becomes BINARY, VARCHAR VARBINARY, TEXT BLOB; ENUM and SET keep the charset. */
    static TrackedColumn toBinary(TrackedColumn column) {
        return switch (column.dataType()) {
            case "char" -> column.withText("binary", column.length(), null, null);
            case "varchar" -> column.withText("varbinary", column.length(), null, null);
            case "tinytext", "text", "mediumtext", "longtext" -> {
                String blob = TrackedColumn.blobTypeFor(column.length());
                yield column.withText(blob, TrackedColumn.capacity(blob), null, null);
            }
            default -> column.withText(column.dataType(), column.length(), "binary", "binary");
        };
    }

    private static List<String> members(List<SQLExpr> arguments, TableId table, String column) {
        List<String> members = new ArrayList<>(arguments.size());
        for (SQLExpr argument : arguments) {
            if (!(argument instanceof SQLCharExpr text)) {
                throw new TableProblem(table, "cannot read the members of column " + column + ": " + argument);
            }
            members.add(text.getText());
        }
        if (members.isEmpty()) {
            throw new TableProblem(table, "column " + column + " has no members");
        }
        return members;
    }

    private static int intArgument(List<SQLExpr> arguments, int index, TableId table, String column) {
        String text = arguments.get(index).toString().trim();
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new TableProblem(table, "cannot read the type arguments of column " + column + ": " + arguments);
        }
    }

    private static String clean(String value) {
        return value == null ? null : Names.unquote(value.trim()).toLowerCase(Locale.ROOT);
    }
}
