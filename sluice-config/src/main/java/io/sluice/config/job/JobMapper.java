package io.sluice.config.job;

import io.sluice.core.config.Secret;
import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.rule.ColumnMapRule;
import io.sluice.core.rule.DoIgnoreSelection;
import io.sluice.core.rule.EventFilterRule;
import io.sluice.core.rule.EventFilters;
import io.sluice.core.rule.EventType;
import io.sluice.core.rule.ExpressionSyntax;
import io.sluice.core.rule.InstanceRules;
import io.sluice.core.rule.RouteRule;
import io.sluice.core.rule.RowPredicateRule;
import io.sluice.core.rule.TableMatcher;
import io.sluice.core.rule.TableRoutes;
import io.sluice.core.task.Endpoint;
import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.NamePattern;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.StartMeta;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.sluice.config.job.Field.AUTO_GTID;
import static io.sluice.config.job.Field.BINLOG_FILE;
import static io.sluice.config.job.Field.BINLOG_POS;
import static io.sluice.config.job.Field.BINLOG_RELAY;
import static io.sluice.config.job.Field.BROKERS;
import static io.sluice.config.job.Field.CHARSET;
import static io.sluice.config.job.Field.CHUNK_SIZE;
import static io.sluice.config.job.Field.COLUMN_MAP_FROM;
import static io.sluice.config.job.Field.CONNECTION_CONFIG;
import static io.sluice.config.job.Field.CONVERTER;
import static io.sluice.config.job.Field.DEPENDENCY_HISTORY_SIZE;
import static io.sluice.config.job.Field.DROP_TABLE_IF_EXISTS;
import static io.sluice.config.job.Field.EXPAND_SYNTAX_SUPPORT;
import static io.sluice.config.job.Field.GROUP_MAX_SIZE;
import static io.sluice.config.job.Field.GROUP_TIMEOUT;
import static io.sluice.config.job.Field.GTID;
import static io.sluice.config.job.Field.GTID_START;
import static io.sluice.config.job.Field.HOST;
import static io.sluice.config.job.Field.KAFKA_BROKER_ADDRS;
import static io.sluice.config.job.Field.KAFKA_CONFIG;
import static io.sluice.config.job.Field.KAFKA_TOPIC;
import static io.sluice.config.job.Field.MESSAGE_GROUP_MAX_SIZE;
import static io.sluice.config.job.Field.MESSAGE_GROUP_MAX_SIZE_API;
import static io.sluice.config.job.Field.MESSAGE_GROUP_TIMEOUT;
import static io.sluice.config.job.Field.MESSAGE_GROUP_TIMEOUT_API;
import static io.sluice.config.job.Field.NODE_ID;
import static io.sluice.config.job.Field.PARALLEL_WORKERS;
import static io.sluice.config.job.Field.PASSWORD;
import static io.sluice.config.job.Field.PORT;
import static io.sluice.config.job.Field.REPLICATE_DO_DB;
import static io.sluice.config.job.Field.REPLICATE_IGNORE_DB;
import static io.sluice.config.job.Field.REPL_CHAN_BUFFER_SIZE;
import static io.sluice.config.job.Field.SKIP_CREATE_DB_TABLE;
import static io.sluice.config.job.Field.SQL_FILTER;
import static io.sluice.config.job.Field.TABLES;
import static io.sluice.config.job.Field.TABLE_NAME;
import static io.sluice.config.job.Field.TABLE_REGEX;
import static io.sluice.config.job.Field.TABLE_RENAME;
import static io.sluice.config.job.Field.TABLE_SCHEMA;
import static io.sluice.config.job.Field.TABLE_SCHEMA_REGEX;
import static io.sluice.config.job.Field.TABLE_SCHEMA_RENAME;
import static io.sluice.config.job.Field.TASK_NAME;
import static io.sluice.config.job.Field.TOPIC;
import static io.sluice.config.job.Field.TOPIC_WITH_SCHEMA_TABLE;
import static io.sluice.config.job.Field.TYPE;
import static io.sluice.config.job.Field.USER;
import static io.sluice.config.job.Field.USE_MYSQL_DEPENDENCY;
import static io.sluice.config.job.Field.WAIT_ON_JOB;
import static io.sluice.config.job.Field.WHERE;

/**
 * Turns the source and destination task settings of a dtle job into Sluice's task model: the
 * start position and mode, the source and target endpoints, the table selection, routes, row
 * predicates, column mappings and event filters, and the copy and apply options. Every rule's
 * origin is {@code file:line:column json.path}, the path counted from the task's settings.
 */
final class JobMapper
{
    /** dtle's default rows per chunk of the full copy. */
    static final int DEFAULT_CHUNK_SIZE = 2000;

    static final List<Field> SRC_FIELDS = List.of(GTID, GTID_START, AUTO_GTID, BINLOG_RELAY, BINLOG_FILE, BINLOG_POS, REPLICATE_DO_DB, REPLICATE_IGNORE_DB,
            DROP_TABLE_IF_EXISTS, SKIP_CREATE_DB_TABLE, REPL_CHAN_BUFFER_SIZE, CHUNK_SIZE, EXPAND_SYNTAX_SUPPORT, GROUP_MAX_SIZE, GROUP_TIMEOUT, SQL_FILTER,
            WAIT_ON_JOB);
    static final List<Field> DEST_FIELDS = List.of(KAFKA_CONFIG, PARALLEL_WORKERS, USE_MYSQL_DEPENDENCY, DEPENDENCY_HISTORY_SIZE, KAFKA_BROKER_ADDRS, KAFKA_TOPIC,
            MESSAGE_GROUP_MAX_SIZE_API, MESSAGE_GROUP_TIMEOUT_API);
    static final List<Field> COMMON_FIELDS = List.of(CONNECTION_CONFIG, TYPE, NODE_ID, TASK_NAME);
    static final List<Field> TASK_FIELDS = Stream.of(SRC_FIELDS, DEST_FIELDS, COMMON_FIELDS).flatMap(List::stream).toList();

    private static final List<Field> DATA_SOURCE_FIELDS = List.of(TABLE_SCHEMA, TABLE_SCHEMA_REGEX, TABLE_SCHEMA_RENAME, TABLES);
    private static final List<Field> TABLE_FIELDS = List.of(TABLE_NAME, TABLE_REGEX, TABLE_RENAME, WHERE, COLUMN_MAP_FROM);
    private static final List<Field> CONNECTION_FIELDS = List.of(HOST, PORT, USER, PASSWORD, CHARSET);
    private static final List<Field> KAFKA_FIELDS = List.of(TOPIC, TOPIC_WITH_SCHEMA_TABLE, BROKERS, CONVERTER, MESSAGE_GROUP_MAX_SIZE, MESSAGE_GROUP_TIMEOUT);
    private static final List<Field> START_FIELDS = List.of(GTID, GTID_START, AUTO_GTID, BINLOG_FILE);
    // Every schema; a schema-level matcher, so that statements on databases are filtered too.
    private static final TableMatcher EVERY_SCHEMA = new TableMatcher(NamePattern.parse("*", true), Optional.empty());

    // Go writes a named group (?P<name>...), Java (?<name>...); both mean the same.
    private static final Pattern GO_NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?P<");

    private record Start(TaskMode mode, StartMeta meta, boolean gtid) {}

    private JobMapper() {}

    static DtleJob map(RawJob raw, ExpressionSyntax syntax)
    {
        Block src = raw.src();
        Block dest = raw.dest();
        Dialect dialect = src.dialect();
        src.checkKeys(concat(SRC_FIELDS, COMMON_FIELDS), misplaced(dialect, DEST_FIELDS, "it is a setting of the destination (dest) task"));
        dest.checkKeys(concat(DEST_FIELDS, COMMON_FIELDS), misplaced(dialect, SRC_FIELDS, "it is a setting of the source (src) task"));

        String jobId = raw.jobId().value();
        if (jobId.isBlank()) {
            throw src.file().error(raw.jobId().pos(), "the job id is blank", "Give the job a name; it becomes the Sluice task name.");
        }
        rejectUnsupported(src);
        Block srcConnection = src.object(CONNECTION_CONFIG).orElseThrow(() -> src.file().error(src.pos(),
                "missing '%s' %s: the source task needs the MySQL server to read".formatted(dialect.name(CONNECTION_CONFIG), src.where()),
                "Add %s to the source task.".formatted(connectionExample(dialect))));
        Endpoint from = endpoint(srcConnection);
        Start start = start(src, raw.step());
        InstanceRules rules = rules(src, syntax);
        LoadOptions load = load(src);
        Duration groupAge = src.integer(GROUP_TIMEOUT, 0, Integer.MAX_VALUE).map(ms -> Duration.ofMillis(ms.value())).orElse(SyncOptions.DEFAULT_GROUP_AGE);
        // Accepted for compatibility, no effect in Sluice (docs/jobs.md says why); their types and ranges are still checked.
        src.integer(REPL_CHAN_BUFFER_SIZE, 1, Integer.MAX_VALUE);
        src.integer(GROUP_MAX_SIZE, 0, Integer.MAX_VALUE);

        int workers = dest.integer(PARALLEL_WORKERS, 1, SyncOptions.MAX_WORKERS).map(value -> value.value().intValue()).orElse(SyncOptions.DEFAULT_WORKERS);
        dest.bool(USE_MYSQL_DEPENDENCY);
        dest.integer(DEPENDENCY_HISTORY_SIZE, 1, Integer.MAX_VALUE);
        Optional<Block> destConnection = dest.object(CONNECTION_CONFIG);
        Optional<KafkaConfig> kafka = kafka(dest);
        if (destConnection.isPresent() && kafka.isPresent()) {
            throw dest.file().error(destConnection.get().pos(),
                    "the destination task has both '%s' and a Kafka destination %s".formatted(dialect.name(CONNECTION_CONFIG), dest.where()),
                    "A job writes to one destination: keep either the MySQL connection or the Kafka settings.");
        }
        SourceConfig source = new SourceConfig(jobId + "-src", start.gtid(), from);
        if (kafka.isPresent()) {
            return new DtleJob(jobId, null, List.of(source), kafka);
        }
        Block targetConnection = destConnection.orElseThrow(() -> dest.file().error(dest.pos(),
                "missing '%s' %s: the destination task needs the MySQL server to write to (or a Kafka destination)".formatted(dialect.name(CONNECTION_CONFIG), dest.where()),
                "Add %s to the destination task.".formatted(connectionExample(dialect))));
        Endpoint target = endpoint(targetConnection);
        SyncOptions sync = new SyncOptions(workers, SyncOptions.DEFAULT_GROUP_TRANSACTIONS, groupAge, false);
        InstanceConfig instance = new InstanceConfig(source.sourceId(), start.meta(), rules);
        TaskConfig task = new TaskConfig(jobId, start.mode(), TaskConfig.DEFAULT_META_SCHEMA, target, List.of(instance), load, sync, Optional.empty(), true, List.of());
        return new DtleJob(jobId, task, List.of(source), Optional.empty());
    }

    private static void rejectUnsupported(Block src)
    {
        Dialect dialect = src.dialect();
        src.bool(BINLOG_RELAY).filter(Located::value).ifPresent(relay -> {
            throw src.file().error(relay.pos(), "'%s' is true, but binlog relay is not available in Sluice yet".formatted(src.pathOf(dialect.name(BINLOG_RELAY))),
                    "Set %s to false. Sluice reads the source's binlog directly, so keep the source's binlogs (binlog_expire_logs_seconds, expire_logs_days) until the copy and the catch-up are done."
                            .formatted(dialect.name(BINLOG_RELAY)));
        });
        src.string(WAIT_ON_JOB).ifPresent(job -> {
            throw src.file().error(job.pos(),
                    "'%s' makes this job wait for job '%s', which needs the dtle server; 'sluice run' runs one job on its own".formatted(src.pathOf(dialect.name(WAIT_ON_JOB)), job.value()),
                    "Remove %s and start this job once the other one has finished.".formatted(dialect.name(WAIT_ON_JOB)));
        });
        src.bool(EXPAND_SYNTAX_SUPPORT).filter(Located::value).ifPresent(expand -> {
            throw src.file().error(expand.pos(),
                    "'%s' is true, but Sluice does not replicate accounts, privileges, procedures or functions (CREATE USER, GRANT, CREATE PROCEDURE...)".formatted(src.pathOf(dialect.name(EXPAND_SYNTAX_SUPPORT))),
                    "Set %s to false to replicate tables only, and create accounts and routines on the target yourself.".formatted(dialect.name(EXPAND_SYNTAX_SUPPORT)));
        });
    }

    private static Endpoint endpoint(Block block)
    {
        block.checkKeys(CONNECTION_FIELDS, Map.of());
        Located<String> host = block.string(HOST).orElseThrow(missing(block, HOST, "\"127.0.0.1\""));
        Located<Integer> port = block.port(PORT).orElseThrow(missing(block, PORT, "3306"));
        Located<String> user = block.string(USER).orElseThrow(missing(block, USER, "\"root\""));
        String password = block.stringKeepingEmpty(PASSWORD).map(Located::value).orElse("");
        // Accepted, no effect: Sluice picks the connection character set itself.
        block.string(CHARSET);
        if (host.value().isBlank()) {
            throw block.file().error(host.pos(), "'%s' is blank".formatted(block.pathOf(block.dialect().name(HOST))), "Give the server's host name or IP address.");
        }
        if (user.value().isBlank()) {
            throw block.file().error(user.pos(), "'%s' is blank".formatted(block.pathOf(block.dialect().name(USER))), "Give the user to log in as.");
        }
        return new Endpoint(host.value().strip(), port.value(), user.value(), new Secret(password));
    }

    private static Start start(Block src, Optional<Located<TaskMode>> step)
    {
        Dialect dialect = src.dialect();
        Optional<Located<String>> gtid = src.string(GTID).filter(value -> !value.value().isBlank());
        Optional<Located<String>> gtidStart = src.string(GTID_START).filter(value -> !value.value().isBlank());
        Optional<Located<Boolean>> autoGtid = src.bool(AUTO_GTID).filter(Located::value);
        Optional<Located<String>> binlogFile = src.string(BINLOG_FILE).filter(value -> !value.value().isBlank());
        // dtle's BinlogPos defaults to 0, "not given"; a file alone starts at its first event.
        Optional<Located<Long>> binlogPos = src.integer(BINLOG_POS, 0, Long.MAX_VALUE).filter(value -> value.value() != 0);
        if (binlogPos.isPresent() && binlogFile.isEmpty()) {
            throw src.file().error(binlogPos.get().pos(),
                    "'%s' is set without '%s': an offset means nothing without its binlog file".formatted(src.pathOf(dialect.name(BINLOG_POS)), dialect.name(BINLOG_FILE)),
                    "Add %s with the file name SHOW MASTER STATUS prints, or remove %s.".formatted(dialect.name(BINLOG_FILE), dialect.name(BINLOG_POS)));
        }
        binlogPos.filter(value -> value.value() < StartMeta.FIRST_EVENT_POSITION).ifPresent(value -> {
            throw src.file().error(value.pos(),
                    "'%s' is %d, but the first event of a binlog file is at offset %d".formatted(src.pathOf(dialect.name(BINLOG_POS)), value.value(), StartMeta.FIRST_EVENT_POSITION),
                    "Give the Position SHOW MASTER STATUS prints, or leave %s out to start at the beginning of the file.".formatted(dialect.name(BINLOG_POS)));
        });
        Map<Field, Pos> given = new HashMap<>();
        gtid.ifPresent(value -> given.put(GTID, value.pos()));
        gtidStart.ifPresent(value -> given.put(GTID_START, value.pos()));
        autoGtid.ifPresent(value -> given.put(AUTO_GTID, value.pos()));
        binlogFile.ifPresent(value -> given.put(BINLOG_FILE, value.pos()));
        List<Field> order = START_FIELDS.stream().filter(given::containsKey)
                .sorted(Comparator.comparing((Field field) -> given.get(field).line()).thenComparing(field -> given.get(field).column()))
                .toList();
        if (order.size() > 1) {
            throw src.file().error(given.get(order.get(1)),
                    "'%s' cannot be combined with '%s': a job starts from one position".formatted(src.pathOf(dialect.name(order.get(1))), dialect.name(order.getFirst())),
                    ("Keep one: %s (the GTID set the target already has), %s (the first GTID to replicate), %s (start at the source's current position) or %s/%s (a binlog file position); "
                            + "leave them all empty to copy the existing rows first and then replicate.")
                            .formatted(dialect.name(GTID), dialect.name(GTID_START), dialect.name(AUTO_GTID), dialect.name(BINLOG_FILE), dialect.name(BINLOG_POS)));
        }
        Optional<Field> position = order.stream().findFirst();
        if (step.isPresent()) {
            TaskMode mode = step.get().value();
            if (mode != TaskMode.INCREMENTAL && position.isPresent()) {
                Field field = position.get();
                throw src.file().error(given.get(field),
                        "'%s' cannot be used with task_step_name '%s': %s".formatted(src.pathOf(dialect.name(field)), mode == TaskMode.FULL ? "job_stage_full" : "all",
                                mode == TaskMode.FULL ? "a full job copies the existing rows and stops" : "it copies the existing rows first and replicates from where the copy ended"),
                        "Remove %s, or set task_step_name to job_stage_incr to replicate from that position without copying.".formatted(dialect.name(field)));
            }
            if (mode == TaskMode.INCREMENTAL && position.isEmpty()) {
                throw src.file().error(step.get().pos(),
                        "task_step_name 'job_stage_incr' replicates changes from a start position, but the source task gives none",
                        "Set gtid to the GTID set the target already has, binlog_file and binlog_pos, gtid_start, or auto_gtid: true to start at the source's current position.");
            }
            if (mode == TaskMode.FULL) {
                return new Start(TaskMode.FULL, null, false);
            }
        }
        if (position.isEmpty()) {
            return new Start(TaskMode.ALL, null, false);
        }
        return switch (position.get()) {
            case GTID -> new Start(TaskMode.INCREMENTAL, gtidMeta(src, gtid.orElseThrow()), true);
            case GTID_START -> {
                Located<String> value = gtidStart.orElseThrow();
                try {
                    yield new Start(TaskMode.INCREMENTAL, new StartMeta(null, null, GtidStarts.executedBefore(value.value())), true);
                }
                catch (IllegalArgumentException e) {
                    throw src.file().error(value.pos(), "invalid '%s': %s".formatted(src.pathOf(dialect.name(GTID_START)), e.getMessage()),
                            "Give the first transaction to replicate of each source UUID, e.g. 3e11fa47-71ca-11e1-9e33-c80aa9429562:15.");
                }
            }
            case AUTO_GTID -> new Start(TaskMode.INCREMENTAL, null, true);
            case BINLOG_FILE -> {
                Located<String> file = binlogFile.orElseThrow();
                try {
                    yield new Start(TaskMode.INCREMENTAL, new StartMeta(file.value().strip(), binlogPos.map(Located::value).orElse(null), null), false);
                }
                catch (IllegalArgumentException e) {
                    throw src.file().error(binlogPos.map(Located::pos).orElse(file.pos()), "invalid binlog position: %s".formatted(e.getMessage()),
                            "Give %s and %s as SHOW MASTER STATUS prints them (File and Position), e.g. mysql-bin.000003 and 4."
                                    .formatted(dialect.name(BINLOG_FILE), dialect.name(BINLOG_POS)));
                }
            }
            default -> throw new IllegalStateException("not a start field: " + position.get());
        };
    }

    private static StartMeta gtidMeta(Block src, Located<String> gtid)
    {
        String name = src.pathOf(src.dialect().name(GTID));
        String fix = "Give the GTID set the target already has, as SHOW MASTER STATUS prints it (Executed_Gtid_Set), e.g. 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7, or a MariaDB GTID list such as 0-1-100.";
        try {
            if (BinlogPosition.parse(gtid.value()) instanceof FilePosition) {
                throw src.file().error(gtid.pos(), "'%s' is a binlog file position, not a GTID set".formatted(name),
                        "Give the file and offset as %s and %s instead.".formatted(src.dialect().name(BINLOG_FILE), src.dialect().name(BINLOG_POS)));
            }
            return new StartMeta(null, null, gtid.value());
        }
        catch (IllegalArgumentException e) {
            throw src.file().error(gtid.pos(), "invalid '%s': %s".formatted(name, e.getMessage()), fix);
        }
    }

    private static InstanceRules rules(Block src, ExpressionSyntax syntax)
    {
        List<TableMatcher> doRules = new ArrayList<>();
        List<TableMatcher> ignoreRules = new ArrayList<>();
        List<RouteRule> routes = new ArrayList<>();
        List<RowPredicateRule> predicates = new ArrayList<>();
        List<ColumnMapRule> columnMaps = new ArrayList<>();
        for (Block entry : src.objects(REPLICATE_DO_DB)) {
            entry.checkKeys(DATA_SOURCE_FIELDS, Map.of());
            NamePattern schema = schemaPattern(entry);
            Optional<String> schemaRename = entry.string(TABLE_SCHEMA_RENAME).map(Located::value);
            List<Block> tables = entry.objects(TABLES);
            TableMatcher schemaMatcher = new TableMatcher(schema, Optional.empty());
            if (tables.isEmpty()) {
                doRules.add(schemaMatcher);
            }
            schemaRename.ifPresent(rename -> routes.add(new RouteRule(schemaMatcher, Optional.of(rename), Optional.empty(), entry.origin())));
            for (Block table : tables) {
                table.checkKeys(TABLE_FIELDS, Map.of());
                TableMatcher matcher = TableMatcher.of(schema, tablePattern(table));
                doRules.add(matcher);
                table.string(TABLE_RENAME).ifPresent(rename -> routes.add(new RouteRule(matcher, schemaRename, Optional.of(rename.value()), table.origin())));
                table.string(WHERE).filter(where -> !where.value().isBlank()).ifPresent(where -> {
                    syntax.problem(where.value()).ifPresent(problem -> {
                        throw table.file().error(where.pos(), "invalid '%s' expression '%s': %s".formatted(table.pathOf(table.dialect().name(WHERE)), where.value(), problem),
                                "Write a SQL boolean expression over the table's columns, e.g. id < 5.");
                    });
                    predicates.add(RowPredicateRule.where(matcher, where.value(), table.origin()));
                });
                table.strings(COLUMN_MAP_FROM).filter(columns -> !columns.value().isEmpty()).ifPresent(columns -> {
                    try {
                        columnMaps.add(new ColumnMapRule(matcher, columns.value().stream().map(Located::value).toList(), table.origin()));
                    }
                    catch (IllegalArgumentException e) {
                        throw table.file().error(columns.pos(), "invalid '%s': %s".formatted(table.pathOf(table.dialect().name(COLUMN_MAP_FROM)), e.getMessage()),
                                "List each source column once, in the order of the target table's columns.");
                    }
                });
            }
        }
        for (Block entry : src.objects(REPLICATE_IGNORE_DB)) {
            entry.checkKeys(DATA_SOURCE_FIELDS, Map.of());
            rejectInIgnore(entry, TABLE_SCHEMA_RENAME);
            NamePattern schema = schemaPattern(entry);
            List<Block> tables = entry.objects(TABLES);
            if (tables.isEmpty()) {
                ignoreRules.add(new TableMatcher(schema, Optional.empty()));
            }
            for (Block table : tables) {
                table.checkKeys(TABLE_FIELDS, Map.of());
                rejectInIgnore(table, TABLE_RENAME);
                rejectInIgnore(table, WHERE);
                table.strings(COLUMN_MAP_FROM).filter(columns -> !columns.value().isEmpty()).ifPresent(columns -> {
                    throw ignoredSetting(table, COLUMN_MAP_FROM, columns.pos());
                });
                ignoreRules.add(TableMatcher.of(schema, tablePattern(table)));
            }
        }
        return new InstanceRules(new DoIgnoreSelection(doRules, ignoreRules), new EventFilters(sqlFilters(src)), predicates, columnMaps, List.of(), new TableRoutes(routes));
    }

    private static void rejectInIgnore(Block block, Field field)
    {
        block.string(field).ifPresent(value -> {
            throw ignoredSetting(block, field, value.pos());
        });
    }

    private static RuntimeException ignoredSetting(Block block, Field field, Pos pos)
    {
        String name = block.dialect().name(field);
        return block.file().error(pos, "'%s' has no meaning in %s: what it ignores is not replicated at all".formatted(block.pathOf(name), block.dialect().name(REPLICATE_IGNORE_DB)),
                "Remove %s here; to rename, filter or map columns, put the setting in a %s entry.".formatted(name, block.dialect().name(REPLICATE_DO_DB)));
    }

    private static NamePattern schemaPattern(Block entry)
    {
        return pattern(entry, TABLE_SCHEMA, TABLE_SCHEMA_REGEX, "schema");
    }

    private static NamePattern tablePattern(Block table)
    {
        return pattern(table, TABLE_NAME, TABLE_REGEX, "table");
    }

    /**
     * A name (case-sensitive, as dtle compares names) or a regular expression found anywhere in
     * the name, as Go's MatchString; Go's named groups {@code (?P<name>...)} are accepted.
     */
    private static NamePattern pattern(Block block, Field nameField, Field regexField, String what)
    {
        Dialect dialect = block.dialect();
        Optional<Located<String>> name = block.string(nameField);
        Optional<Located<String>> regex = block.string(regexField);
        if (name.isPresent() && regex.isPresent()) {
            throw block.file().error(regex.get().pos(),
                    "'%s' and '%s' are both set %s; an entry selects %ss by one of them".formatted(dialect.name(nameField), dialect.name(regexField), block.where(), what),
                    "Keep %s to select one %s by name, or %s to select every %s the regular expression matches.".formatted(dialect.name(nameField), what, dialect.name(regexField), what));
        }
        if (name.isPresent()) {
            return NamePattern.exact(name.get().value(), true);
        }
        Located<String> expression = regex.orElseThrow(() -> block.file().error(block.pos(),
                "'%s' needs '%s' or '%s'".formatted(block.path(), dialect.name(nameField), dialect.name(regexField)),
                "Add \"%s\": \"<%s name>\" or \"%s\": \"<regular expression>\".".formatted(dialect.name(nameField), what, dialect.name(regexField))));
        try {
            return NamePattern.regex(GO_NAMED_GROUP.matcher(expression.value()).replaceAll("(?<"), true);
        }
        catch (IllegalArgumentException e) {
            throw block.file().error(expression.pos(), "'%s' is not a valid regular expression: %s".formatted(block.pathOf(dialect.name(regexField)), e.getMessage()),
                    "Correct the regular expression; in JSON a backslash is written twice, e.g. \"(\\\\w*)src\".");
        }
    }

    private static List<EventFilterRule> sqlFilters(Block src)
    {
        String key = src.dialect().name(SQL_FILTER);
        List<EventFilterRule> rules = new ArrayList<>();
        Optional<Located<List<Located<String>>>> names = src.strings(SQL_FILTER);
        if (names.isEmpty()) {
            return rules;
        }
        List<Located<String>> values = names.get().value();
        for (int i = 0; i < values.size(); i++) {
            Located<String> name = values.get(i);
            Set<EventType> events = SqlFilters.BY_NAME.get(name.value());
            if (events == null) {
                throw src.file().error(name.pos(), "unknown %s '%s'%s".formatted(key, name.value(), Hints.didYouMean(name.value(), SqlFilters.BY_NAME.keySet())),
                        "Use one of: %s.".formatted(String.join(", ", SqlFilters.BY_NAME.keySet())));
            }
            rules.add(new EventFilterRule(EVERY_SCHEMA, events, List.of(), EventFilterRule.Action.IGNORE, src.origin(key + "[" + i + "]", name.pos())));
        }
        return rules;
    }

    private static LoadOptions load(Block src)
    {
        Dialect dialect = src.dialect();
        boolean drop = src.bool(DROP_TABLE_IF_EXISTS).map(Located::value).orElse(false);
        Optional<Located<Boolean>> skip = src.bool(SKIP_CREATE_DB_TABLE);
        if (drop && skip.isPresent() && skip.get().value()) {
            throw src.file().error(skip.get().pos(),
                    "'%s' and '%s' are both true: the target tables would be dropped and never created again".formatted(src.pathOf(dialect.name(SKIP_CREATE_DB_TABLE)), dialect.name(DROP_TABLE_IF_EXISTS)),
                    "Set %s to false to keep the tables you created, or %s to false to let Sluice recreate them.".formatted(dialect.name(DROP_TABLE_IF_EXISTS), dialect.name(SKIP_CREATE_DB_TABLE)));
        }
        int chunk = src.integer(CHUNK_SIZE, 1, Integer.MAX_VALUE).map(value -> value.value().intValue()).orElse(DEFAULT_CHUNK_SIZE);
        return new LoadOptions(drop, skip.map(Located::value).orElse(false), chunk, LoadOptions.DEFAULT_COPY_THREADS);
    }

    private static Optional<KafkaConfig> kafka(Block dest)
    {
        if (dest.dialect() == Dialect.API) {
            if (!dest.has(KAFKA_TOPIC) && !dest.has(KAFKA_BROKER_ADDRS)) {
                return Optional.empty();
            }
            Located<String> topic = dest.string(KAFKA_TOPIC).orElseThrow(missing(dest, KAFKA_TOPIC, "\"<topic>\""));
            List<String> brokers = brokers(dest, KAFKA_BROKER_ADDRS);
            int maxSize = dest.integer(MESSAGE_GROUP_MAX_SIZE_API, 0, Integer.MAX_VALUE).map(value -> value.value().intValue()).orElse(KafkaConfig.DEFAULT_MESSAGE_GROUP_MAX_SIZE);
            int timeout = dest.integer(MESSAGE_GROUP_TIMEOUT_API, 0, Integer.MAX_VALUE).map(value -> value.value().intValue()).orElse(KafkaConfig.DEFAULT_MESSAGE_GROUP_TIMEOUT_MS);
            return Optional.of(new KafkaConfig(topic.value(), true, brokers, KafkaConfig.JSON_CONVERTER, maxSize, timeout));
        }
        return dest.object(KAFKA_CONFIG).map(block -> {
            block.checkKeys(KAFKA_FIELDS, Map.of());
            Located<String> topic = block.string(TOPIC).orElseThrow(missing(block, TOPIC, "\"<topic>\""));
            boolean withSchemaTable = block.bool(TOPIC_WITH_SCHEMA_TABLE).map(Located::value).orElse(true);
            List<String> brokers = brokers(block, BROKERS);
            Optional<Located<String>> converter = block.string(CONVERTER);
            if (converter.isPresent() && !converter.get().value().equals(KafkaConfig.JSON_CONVERTER)) {
                throw block.file().error(converter.get().pos(), "unknown Converter '%s': only json is supported".formatted(converter.get().value()),
                        "Set \"Converter\": \"json\" or remove it.");
            }
            int maxSize = block.integer(MESSAGE_GROUP_MAX_SIZE, 0, Integer.MAX_VALUE).map(value -> value.value().intValue()).orElse(KafkaConfig.DEFAULT_MESSAGE_GROUP_MAX_SIZE);
            int timeout = block.integer(MESSAGE_GROUP_TIMEOUT, 0, Integer.MAX_VALUE).map(value -> value.value().intValue()).orElse(KafkaConfig.DEFAULT_MESSAGE_GROUP_TIMEOUT_MS);
            return new KafkaConfig(topic.value(), withSchemaTable, brokers, KafkaConfig.JSON_CONVERTER, maxSize, timeout);
        });
    }

    private static List<String> brokers(Block block, Field field)
    {
        Located<List<Located<String>>> brokers = block.strings(field).filter(list -> !list.value().isEmpty())
                .orElseThrow(missing(block, field, "[\"127.0.0.1:9092\"]"));
        for (Located<String> broker : brokers.value()) {
            if (broker.value().isBlank()) {
                throw block.file().error(broker.pos(), "'%s' has a blank broker address".formatted(block.pathOf(block.dialect().name(field))), "Write each broker as host:port.");
            }
        }
        return brokers.value().stream().map(Located::value).toList();
    }

    private static Supplier<RuntimeException> missing(Block block, Field field, String example)
    {
        String name = block.dialect().name(field);
        return () -> block.file().error(block.pos(), "missing '%s' %s".formatted(name, block.where()), "Add \"%s\": %s.".formatted(name, example));
    }

    private static String connectionExample(Dialect dialect)
    {
        return dialect == Dialect.NOMAD
                ? "\"ConnectionConfig\": {\"Host\": ..., \"Port\": 3306, \"User\": ..., \"Password\": ...}"
                : "\"mysql_connection_config\": {\"mysql_host\": ..., \"mysql_port\": 3306, \"mysql_user\": ..., \"mysql_password\": ...}";
    }

    private static Map<String, String> misplaced(Dialect dialect, List<Field> fields, String hint)
    {
        Map<String, String> misplaced = new HashMap<>();
        for (Field field : fields) {
            for (String name : dialect.names(field)) {
                misplaced.put(name, hint);
            }
        }
        return misplaced;
    }

    private static List<Field> concat(List<Field> first, List<Field> second)
    {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
