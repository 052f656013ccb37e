package io.sluice.mysql.check;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The precheck items, named as DM names them in {@code ignore-checking-items} (plus {@code gtid},
 * which DM folds into its binlog checks), each with the one-line description check-task prints as
 * {@code desc}. {@link #isTargetItem()} items are checked once against the target; the others once
 * per source. Declared in report order.
 */
public enum PrecheckItem {
    VERSION("version", "the server version is one Sluice supports", true),
    SERVER_ID("server_id", "the source has a non-zero server_id", false),
    BINLOG_ENABLE("binlog_enable", "the source has binary logging on (log_bin)", false),
    BINLOG_FORMAT("binlog_format", "the source logs row events (binlog_format=ROW)", false),
    BINLOG_ROW_IMAGE("binlog_row_image", "the source logs whole rows (binlog_row_image=FULL)", false),
    BINLOG_DB("binlog_db", "binlog-do-db/binlog-ignore-db do not keep selected databases out of the binlog", false),
    GTID("gtid", "GTID settings of the source match the source's enable-gtid", false),
    REPLICATION_PRIVILEGE("replication_privilege", "the source user may read the binlog (REPLICATION SLAVE, REPLICATION CLIENT/BINLOG MONITOR)", false),
    DUMP_PRIVILEGE("dump_privilege", "the source user may read the selected tables (SELECT; RELOAD on MySQL for the copy)", false),
    META_POSITION("meta_position", "the binlog position replication starts from is still on the source", false),
    CONN_NUMBER("conn_number", "max_connections leaves room for the connections the task opens", true),
    TABLE_SCHEMA("table_schema", "selected tables exist, have a primary or NOT NULL unique key, and use character sets Sluice and the target support", false),
    SCHEMA_OF_SHARD_TABLES("schema_of_shard_tables", "tables merged into one target table have the same columns", false),
    AUTO_INCREMENT_ID("auto_increment_ID", "merged tables' auto-increment keys cannot collide (or a partition id mapping separates them)", false),
    TARGET_PRIVILEGE("target_privilege", "the target user may create and write the target tables and the meta schema", true);

    /** The {@code ignore-checking-items} entry that skips every item. */
    public static final String ALL = "all";

    private final String configName;
    private final String description;
    private final boolean checksTarget;

    PrecheckItem(String configName, String description, boolean checksTarget) {
        this.configName = requireNonNull(configName, "configName is null");
        this.description = requireNonNull(description, "description is null");
        this.checksTarget = checksTarget;
    }

    /** The name used in {@code ignore-checking-items} and in check-task's {@code name}, e.g. {@code auto_increment_ID}. */
    public String configName() {
        return configName;
    }

    public String description() {
        return description;
    }

    /** Whether the item (also) runs against the target: {@code version} and {@code conn_number} run on both sides. */
    public boolean isTargetItem() {
        return checksTarget;
    }

    /** Whether the item runs once per source. */
    public boolean isSourceItem() {
        return this != TARGET_PRIVILEGE;
    }

    /** The item with this name, compared exactly as DM does ({@code auto_increment_ID} keeps its case). */
    public static Optional<PrecheckItem> fromConfigName(String name) {
        requireNonNull(name, "name is null");
        for (PrecheckItem item : values()) {
            if (item.configName.equals(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
