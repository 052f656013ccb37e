package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

import io.sluice.config.TaskFiles;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.task.SourceConfig;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.jdbc.SourceErrors;
import io.sluice.server.coordination.MetadataStore;
import io.sluice.server.reply.HttpStatuses;
import io.sluice.server.reply.Messages;
import io.sluice.server.reply.SourceReply;
import io.sluice.server.security.PasswordCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sources registered with {@code operate-source} (DM v2): create checks that the source is
 * reachable with the given user and finds its flavor before storing it; update replaces the config
 * of a source no running task reads; stop removes a source no task uses; show lists them with
 * passwords masked. Each source is bound to this server's worker.
 */
public final class SourceService {
    private static final Logger LOG = LoggerFactory.getLogger(SourceService.class);
    static final String ROOT = "/sources";

    private final MetadataStore store;
    private final PasswordCipher cipher;
    private final String worker;
    private volatile Function<String, List<String>> usersOfSource = id -> List.of();

    public SourceService(MetadataStore store, PasswordCipher cipher, String worker) {
        this.store = requireNonNull(store, "store is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
        this.worker = requireNonNull(worker, "worker is null");
    }

    /** Tells the service which tasks (not stopped) read a source, so update and stop can refuse while they do. */
    void usersOfSource(Function<String, List<String>> users) {
        this.usersOfSource = requireNonNull(users, "users is null");
    }

    public SourceReply create(List<String> configs) {
        return forEachConfig(configs, source -> {
            if (store.get(ROOT + "/" + source.sourceId(), StoredSource.class).isPresent()) {
                throw new SluiceException(ErrorCode.SOURCE_EXISTS, "Source '" + source.sourceId() + "' already exists.",
                        "Use 'operate-source update' to change it, or 'operate-source stop " + source.sourceId() + "' first.");
            }
        });
    }

    public SourceReply update(List<String> configs) {
        return forEachConfig(configs, source -> {
            if (store.get(ROOT + "/" + source.sourceId(), StoredSource.class).isEmpty()) {
                throw notFound(source.sourceId());
            }
            List<String> users = usersOfSource.apply(source.sourceId());
            if (!users.isEmpty()) {
                throw new SluiceException(ErrorCode.TASK_STAGE_CONFLICT, "Source '" + source.sourceId() + "' is read by running task(s) " + users + ".",
                        "Pause or stop those tasks, update the source, then resume them.");
            }
        });
    }

    public SourceReply stop(List<String> sourceIds) {
        List<SourceReply.Entry> entries = new ArrayList<>();
        boolean ok = true;
        for (String id : sourceIds) {
            try {
                if (store.get(ROOT + "/" + id, StoredSource.class).isEmpty()) {
                    throw notFound(id);
                }
                List<String> users = usersOfSource.apply(id);
                if (!users.isEmpty()) {
                    throw new SluiceException(ErrorCode.TASK_STAGE_CONFLICT, "Source '" + id + "' is used by task(s) " + users + ".",
                            "Stop those tasks with 'stop-task' first.");
                }
                store.delete(ROOT + "/" + id);
                LOG.info("Source {} removed", id);
                entries.add(SourceReply.Entry.of(true, "", id, worker));
            }
            catch (SluiceException e) {
                ok = false;
                entries.add(SourceReply.Entry.of(false, Messages.of(e), id, worker));
            }
        }
        return new SourceReply(ok, ok ? "" : "some sources could not be stopped", entries, ok ? 200 : 400);
    }

    public SourceReply show(List<String> sourceIds) {
        List<SourceReply.Entry> entries = new ArrayList<>();
        for (StoredSource stored : store.list(ROOT, StoredSource.class)) {
            if (!sourceIds.isEmpty() && !sourceIds.contains(stored.sourceId())) {
                continue;
            }
            SourceConfig source = open(stored);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("source-id", source.sourceId());
            config.put("enable-gtid", source.enableGtid());
            config.put("from", Map.of("host", source.from().host(), "port", source.from().port(), "user", source.from().user(), "password", "******"));
            config.put("server-id", stored.serverId());
            config.put("gtid-mode", stored.gtidMode());
            entries.add(new SourceReply.Entry(true, "", stored.sourceId(), stored.worker(), config, stored.flavor(), source.enableGtid()));
        }
        for (String id : sourceIds) {
            if (entries.stream().noneMatch(entry -> entry.source().equals(id))) {
                SluiceException e = notFound(id);
                return new SourceReply(false, Messages.of(e), entries, HttpStatuses.of(e));
            }
        }
        return new SourceReply(true, "", entries, 200);
    }

    /** A registered source with its clear password. */
    public Optional<SourceConfig> get(String sourceId) {
        return store.get(ROOT + "/" + sourceId, StoredSource.class).map(this::open);
    }

    public List<String> ids() {
        return store.list(ROOT, StoredSource.class).stream().map(StoredSource::sourceId).toList();
    }

    static SluiceException notFound(String sourceId) {
        return new SluiceException(ErrorCode.SOURCE_NOT_FOUND, "Source '" + sourceId + "' is not registered.",
                "Register it with 'operate-source create source.yaml' (see 'operate-source show' for the registered ones).");
    }

    private SourceConfig open(StoredSource stored) {
        SourceConfig source = TaskFiles.readSource(cipher.decrypt(stored.sealedConfig()), "source " + stored.sourceId());
        return source.withFrom(source.from().withPassword(cipher.reveal(source.from().password())));
    }

    private SourceReply forEachConfig(List<String> configs, java.util.function.Consumer<SourceConfig> precondition) {
        if (configs.isEmpty()) {
            SluiceException e = new SluiceException(ErrorCode.INVALID_ARGUMENT, "No source config given.", "Pass one or more source.yaml files.");
            return new SourceReply(false, Messages.of(e), List.of(), 400);
        }
        List<SourceReply.Entry> entries = new ArrayList<>();
        boolean ok = true;
        int status = 200;
        for (String text : configs) {
            String id = "";
            try {
                SourceConfig parsed = TaskFiles.readSource(text, "source.yaml");
                id = parsed.sourceId();
                SourceConfig source = parsed.withFrom(parsed.from().withPassword(cipher.reveal(parsed.from().password())));
                precondition.accept(source);
                Probe probe = probe(source);
                store.put(ROOT + "/" + id, new StoredSource(id, cipher.encrypt(text), probe.flavor(), probe.serverId(), probe.gtidMode(), worker));
                LOG.info("Source {} registered ({}, {}:{}, server_id {}, GTID {} on the server, enable-gtid {})", id, probe.flavor(), source.from().host(),
                        source.from().port(), probe.serverId(), probe.gtidMode(), source.enableGtid());
                entries.add(SourceReply.Entry.of(true, "", id, worker));
            }
            catch (SluiceException e) {
                ok = false;
                status = Math.max(status, HttpStatuses.of(e));
                entries.add(SourceReply.Entry.of(false, Messages.of(e), id, worker));
            }
        }
        return new SourceReply(ok, ok ? "" : entries.stream().filter(entry -> !entry.result()).map(SourceReply.Entry::msg).findFirst().orElse(""), entries, status);
    }

    /** Connects with the source's user and reads its flavor and version, server_id and GTID mode. */
    private static Probe probe(SourceConfig source) {
        try (Connection connection = MysqlConnections.open(source.from());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT VERSION(), @@server_id")) {
            rows.next();
            String version = rows.getString(1);
            long serverId = rows.getLong(2);
            boolean mariaDb = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
            String gtidMode;
            // MariaDB always logs GTIDs (strict mode is the setting that matters); MySQL has gtid_mode
            try (ResultSet gtid = statement.executeQuery(mariaDb ? "SELECT IF(@@gtid_strict_mode, 'ON (strict)', 'ON')" : "SELECT @@gtid_mode")) {
                gtid.next();
                gtidMode = gtid.getString(1);
            }
            return new Probe((mariaDb ? "MariaDB " : "MySQL ") + version, serverId, gtidMode);
        }
        catch (SQLException e) {
            throw SourceErrors.classify(e, source.from(), source.sourceId(), "Check host, port, user and password in the source file.");
        }
    }

    private record Probe(String flavor, long serverId, String gtidMode) {}
}
