package io.sluice.config.job;

import java.util.List;

/**
 * Every dtle task setting a job file may hold, with its nomad (CamelCase) and API v2 (snake_case)
 * spellings. A field with no spelling in a dialect does not exist there.
 */
enum Field
{
    // source task
    GTID("Gtid", "gtid"),
    GTID_START("GtidStart", "gtid_start"),
    AUTO_GTID("AutoGtid", "auto_gtid"),
    BINLOG_RELAY("BinlogRelay", "binlog_relay"),
    BINLOG_FILE("BinlogFile", "binlog_file"),
    BINLOG_POS("BinlogPos", "binlog_pos"),
    REPLICATE_DO_DB("ReplicateDoDb", "replicate_do_db"),
    REPLICATE_IGNORE_DB("ReplicateIgnoreDb", "replicate_ignore_db"),
    DROP_TABLE_IF_EXISTS("DropTableIfExists", "drop_table_if_exists"),
    SKIP_CREATE_DB_TABLE("SkipCreateDbTable", "skip_create_db_table"),
    REPL_CHAN_BUFFER_SIZE("ReplChanBufferSize", "repl_chan_buffer_size"),
    CHUNK_SIZE("ChunkSize", "chunk_size"),
    EXPAND_SYNTAX_SUPPORT("ExpandSyntaxSupport", "expand_syntax_support"),
    GROUP_MAX_SIZE("GroupMaxSize", "group_max_size"),
    GROUP_TIMEOUT("GroupTimeout", "group_timeout"),
    SQL_FILTER("SqlFilter", "sql_filter"),
    WAIT_ON_JOB("WaitOnJob", "wait_on_job"),
    // both tasks
    CONNECTION_CONFIG("ConnectionConfig", "mysql_connection_config"),
    TYPE(List.of("Type"), List.of()),
    NODE_ID(List.of(), List.of("node_id")),
    TASK_NAME(List.of(), List.of("task_name")),
    // destination task
    KAFKA_CONFIG(List.of("KafkaConfig"), List.of()),
    PARALLEL_WORKERS("ParallelWorkers", "parallel_workers"),
    USE_MYSQL_DEPENDENCY(List.of("UseMySQLDependency"), List.of("use_mysql_dependency", "use_my_sql_dependency")),
    DEPENDENCY_HISTORY_SIZE("DependencyHistorySize", "dependency_history_size"),
    // the API v2 spells the Kafka destination flat in dest_task
    KAFKA_BROKER_ADDRS(List.of(), List.of("kafka_broker_addrs")),
    KAFKA_TOPIC(List.of(), List.of("kafka_topic")),
    MESSAGE_GROUP_MAX_SIZE_API(List.of(), List.of("message_group_max_size")),
    MESSAGE_GROUP_TIMEOUT_API(List.of(), List.of("message_group_timeout")),
    // ReplicateDoDb / ReplicateIgnoreDb entries
    TABLE_SCHEMA("TableSchema", "table_schema"),
    TABLE_SCHEMA_REGEX("TableSchemaRegex", "table_schema_regex"),
    TABLE_SCHEMA_RENAME("TableSchemaRename", "table_schema_rename"),
    TABLES("Tables", "tables"),
    // Tables entries
    TABLE_NAME("TableName", "table_name"),
    TABLE_REGEX("TableRegex", "table_regex"),
    TABLE_RENAME("TableRename", "table_rename"),
    WHERE("Where", "where"),
    COLUMN_MAP_FROM("ColumnMapFrom", "column_map_from"),
    // ConnectionConfig / mysql_connection_config
    HOST("Host", "mysql_host"),
    PORT("Port", "mysql_port"),
    USER("User", "mysql_user"),
    PASSWORD("Password", "mysql_password"),
    CHARSET(List.of("Charset"), List.of()),
    // KafkaConfig (nomad)
    TOPIC(List.of("Topic"), List.of()),
    TOPIC_WITH_SCHEMA_TABLE(List.of("TopicWithSchemaTable"), List.of()),
    BROKERS(List.of("Brokers"), List.of()),
    CONVERTER(List.of("Converter"), List.of()),
    MESSAGE_GROUP_MAX_SIZE(List.of("MessageGroupMaxSize"), List.of()),
    MESSAGE_GROUP_TIMEOUT(List.of("MessageGroupTimeout"), List.of());

    private final List<String> nomad;
    private final List<String> api;

    Field(String nomad, String api)
    {
        this(List.of(nomad), List.of(api));
    }

    Field(List<String> nomad, List<String> api)
    {
        this.nomad = nomad;
        this.api = api;
    }

    List<String> nomad()
    {
        return nomad;
    }

    List<String> api()
    {
        return api;
    }
}
