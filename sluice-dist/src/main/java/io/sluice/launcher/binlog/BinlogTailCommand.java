package io.sluice.launcher.binlog;

import io.sluice.core.config.Secret;
import io.sluice.core.event.ResumePosition;
import io.sluice.core.event.Transaction;
import io.sluice.core.position.BinlogPosition;
import io.sluice.core.position.FilePosition;
import io.sluice.core.position.GtidPosition;
import io.sluice.core.task.Endpoint;
import io.sluice.mysql.binlog.BinlogReader;
import io.sluice.mysql.binlog.BinlogReaderConfig;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.mysql.jdbc.MysqlConnections;
import io.sluice.mysql.jdbc.SourceErrors;
import io.sluice.mysql.schema.FullMetadataSchemas;
import io.sluice.mysql.schema.InformationSchemaLoader;
import io.sluice.mysql.schema.TableSchemaProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code sluice binlog tail}: prints each decoded transaction of a source's binlog, with column
 * names, like {@code mysqlbinlog -v} but for people and scripts. Column names and types come from
 * the binlog's own table metadata when the source logs {@code binlog_row_metadata=FULL} (right for
 * any position, across DDL), else from the source's {@code information_schema} (right after the
 * last DDL; older events fail with a clear schema-mismatch error).
 */
@Command(name = "tail",
        mixinStandardHelpOptions = true,
        description = {
                "Print decoded binlog transactions with column names.",
                "Starts at the current end of the binlog unless --from is given; stops after --max-transactions or on Ctrl-C."})
public final class BinlogTailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Source host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "3306", description = "Source port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"--user", "-u"}, required = true, description = "User with REPLICATION SLAVE, REPLICATION CLIENT and SELECT.")
    String user;

    @Option(names = {"--password", "-p"}, description = "Password; prefer the SLUICE_PASSWORD environment variable, which keeps it out of the process list.")
    String password;

    @Option(names = "--from", description = "Start position: FILE:POS (mysql-bin.000003:4), a MariaDB GTID list (0-1-100) or a MySQL GTID set (uuid:1-5).")
    String from;

    @Option(names = "--json", description = "Print one JSON object per transaction instead of text.")
    boolean json;

    @Option(names = "--max-transactions", description = "Exit after this many transactions (default: run until interrupted).")
    Long maxTransactions;

    @Option(names = "--server-id", description = "Replica server id to present (default: a random id above 100000).")
    Long serverId;

    @Option(names = "--heartbeat-seconds", defaultValue = "5", description = "Heartbeat period asked of the source (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Override
    public Integer call() throws Exception {
        if (maxTransactions != null && maxTransactions < 1) {
            throw new IllegalArgumentException("--max-transactions must be at least 1, was " + maxTransactions);
        }
        Secret secret = new Secret(password != null ? password : System.getenv().getOrDefault("SLUICE_PASSWORD", ""));
        BinlogPosition start = from == null ? null : BinlogPosition.parse(from);
        PrintWriter out = spec.commandLine().getOut();
        TransactionPrinter printer = json ? new JsonTransactionPrinter(out) : new TextTransactionPrinter(out);
        try (Connection connection = connect(secret)) {
            GtidPosition gtidAtStart = null;
            if (start == null) {
                ResumePosition end = SourcePositions.currentEnd(connection);
                start = end.file();
                gtidAtStart = end.gtid();
            }
            else if (start instanceof FilePosition file) {
                gtidAtStart = SourcePositions.gtidAt(connection, file);
            }
            long id = serverId != null ? serverId : ThreadLocalRandom.current().nextLong(100_000, 4_000_000_000L);
            BinlogReaderConfig config = BinlogReaderConfig.of(host, port, user, secret, id, start)
                    .withHeartbeat(Duration.ofSeconds(heartbeatSeconds));
            // FULL row metadata decodes history across DDL; information_schema is the fallback
            TableSchemaProvider schemas = FullMetadataSchemas.load(connection, new InformationSchemaLoader(() -> connection));
            long[] printed = {0};
            BinlogReader[] reader = new BinlogReader[1];
            reader[0] = new BinlogReader(config, gtidAtStart, schemas, transaction -> {
                print(printer, transaction, out);
                if (maxTransactions != null && ++printed[0] >= maxTransactions) {
                    reader[0].stop();
                }
            });
            Thread stopOnInterrupt = new Thread(reader[0]::stop, "sluice-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            try {
                reader[0].run();
            }
            finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
                }
                catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting because of Ctrl-C; the hook stops the reader
                }
            }
        }
        return 0;
    }

    private static void print(TransactionPrinter printer, Transaction transaction, PrintWriter out) throws Exception {
        printer.print(transaction);
        out.flush();
    }

    private Connection connect(Secret secret) {
        Endpoint endpoint = new Endpoint(host, port, user, secret);
        try {
            return MysqlConnections.open(endpoint);
        }
        catch (SQLException e) {
            throw SourceErrors.classify(e, endpoint, "binlog tail", "Check --user and the password (SLUICE_PASSWORD or --password).");
        }
    }
}
