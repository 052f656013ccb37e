package io.sluice.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A real MariaDB server started from the installed binaries for one test: its own temporary
 * datadir (copied from a once-per-JVM {@code mariadb-install-db} template), a free port on
 * {@code 127.0.0.1}, and an account {@link #user()} with all privileges that tests connect with
 * over TCP; {@code root} is reachable only through the unix socket in the datadir.
 *
 * <p>The server can be stopped cleanly, killed and restarted on the same port and datadir to
 * test crash and reconnect behaviour. {@link #close()} kills the process and deletes the datadir;
 * servers still open when the JVM exits are cleaned up by a shutdown hook. Only the process this
 * class started is ever signalled, by its pid.
 */
public final class MariaDbServer
        implements AutoCloseable
{
    static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));
    static final String ERROR_LOG = "error.log";
    // the server's own tmpdir: every mariadbd deletes the #sql* files in its tmpdir when it starts,
    // so servers sharing /tmp would delete each other's internal temporary tables (and crash on them);
    // inside the datadir, hidden from SHOW DATABASES by ignore-db-dirs
    static final String TMP_DIR = ".tmp";
    static final String OUTPUT_LOG = "mariadbd.out";
    static final String SOCKET = "mysql.sock";
    static final String INIT_FILE = "sluice-init.sql";
    static final String BINLOG_BASENAME = "mysql-bin";

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);

    private static final String HOST = Ports.LOOPBACK;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration EXIT_HOOK_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    private static final int START_ATTEMPTS = 5;
    private static final long FIRST_AUTOMATIC_SERVER_ID = 1000;
    private static final AtomicLong NEXT_SERVER_ID = new AtomicLong(FIRST_AUTOMATIC_SERVER_ID);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Driver DRIVER = new org.mariadb.jdbc.Driver();

    private final MariaDbConfig config;
    private final MariaDbBinaries binaries;
    private final Path dataDir;
    private volatile int port;
    private volatile Process process;
    private volatile long pid = -1;
    private boolean closed; // guarded by this
    // true once the test stopped or killed the server: any other exit is a crash worth reporting
    private volatile boolean exitRequested;

    private MariaDbServer(MariaDbConfig config, MariaDbBinaries binaries, Path dataDir)
    {
        this.config = requireNonNull(config, "config is null");
        this.binaries = requireNonNull(binaries, "binaries is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * Installs a datadir, starts a server with {@code config} and waits until the configured
     * user can connect.
     *
     * @throws MariaDbBinariesMissingException if the MariaDB binaries are not installed
     * @throws IllegalStateException if the server exits during startup or does not become ready;
     *         the message contains the end of its error log
     */
    public static MariaDbServer start(MariaDbConfig config)
    {
        return start(config, System.getenv());
    }

    /**
     * Like {@link #start(MariaDbConfig)}, looking up the binaries with {@code environment} in
     * place of the process environment.
     */
    static MariaDbServer start(MariaDbConfig config, Map<String, String> environment)
    {
        requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        return start(config, MariaDbBinaries.locate(environment));
    }

    static MariaDbServer start(MariaDbConfig config, MariaDbBinaries binaries)
    {
        requireNonNull(config, "config is null");
        requireNonNull(binaries, "binaries is null");
        long startNanos = System.nanoTime();
        MariaDbConfig resolved = resolve(config);
        DataDirTemplate template = DataDirTemplate.forBinaries(binaries);
        MariaDbServer server = new MariaDbServer(resolved, binaries, Sandboxes.createDirectory(""));
        Sandboxes.register(server);
        try {
            template.copyTo(server.dataDir);
            server.firstStart(startNanos);
            return server;
        }
        catch (RuntimeException | Error e) {
            try {
                server.close();
            }
            catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    public String host()
    {
        return HOST;
    }

    public int port()
    {
        return port;
    }

    public String user()
    {
        return config.user();
    }

    public String password()
    {
        return config.password().orElseThrow();
    }

    /**
     * {@code jdbc:mariadb://127.0.0.1:PORT/}, to be used with {@link #user()} and
     * {@link #password()}.
     */
    public String jdbcUrl()
    {
        return "jdbc:mariadb://" + HOST + ":" + port + "/";
    }

    /**
     * Like {@link #jdbcUrl()} with {@code database} as the default database.
     */
    public String jdbcUrl(String database)
    {
        requireNonNull(database, "database is null");
        return jdbcUrl() + database;
    }

    /**
     * Opens a new connection as {@link #user()}, in autocommit mode, without a default database.
     */
    public Connection connect()
            throws SQLException
    {
        return connect(jdbcUrl());
    }

    /**
     * Runs the statements in order on one connection (so session settings carry over).
     *
     * @throws RuntimeException naming the statement, wrapping the {@link SQLException}
     */
    public void execute(String... sql)
    {
        requireNonNull(sql, "sql is null");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sqlStatement : sql) {
                try {
                    statement.execute(sqlStatement);
                }
                catch (SQLException e) {
                    throw new RuntimeException("Statement failed on " + this + ": " + sqlStatement + ": " + e.getMessage(), e);
                }
            }
        }
        catch (SQLException e) {
            throw new RuntimeException("Cannot connect to " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a query and returns its rows, each column read with {@link ResultSet#getString(int)}
     * ({@code null} for SQL NULL). The lists are unmodifiable.
     */
    public List<List<String>> query(String sql)
    {
        requireNonNull(sql, "sql is null");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet resultSet = statement.executeQuery(sql)) {
                int columns = resultSet.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int column = 1; column <= columns; column++) {
                        row.add(resultSet.getString(column));
                    }
                    rows.add(Collections.unmodifiableList(row));
                }
                return Collections.unmodifiableList(rows);
            }
            catch (SQLException e) {
                throw new RuntimeException("Query failed on " + this + ": " + sql + ": " + e.getMessage(), e);
            }
        }
        catch (SQLException e) {
            throw new RuntimeException("Cannot connect to " + this + ": " + e.getMessage(), e);
        }
    }

    public long serverId()
    {
        return config.serverId().orElseThrow();
    }

    /**
     * The config this server runs with, with the server id and password it actually uses.
     */
    public MariaDbConfig config()
    {
        return config;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * The pid of the current {@code mariadbd} process, or of the last one after {@link #stop()}
     * or {@link #kill()}.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * Shuts the server down cleanly (SIGTERM to its pid) and waits for it to exit; the datadir is
     * kept for {@link #restart()}. Does nothing if the server is not running.
     */
    public synchronized void stop()
    {
        checkNotClosed();
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        long startNanos = System.nanoTime();
        exitRequested = true;
        current.destroy();
        if (!waitForExit(current, STOP_TIMEOUT)) {
            log.warn("MariaDB server {} did not shut down within {} s, killing pid {}", this, STOP_TIMEOUT.toSeconds(), current.pid());
            current.destroyForcibly();
            if (!waitForExit(current, KILL_TIMEOUT)) {
                throw new IllegalStateException("MariaDB server " + this + " did not exit after SIGKILL to pid " + current.pid());
            }
        }
        log.info("Stopped MariaDB server {} in {} ms: pid {}, exit code {}", this, elapsedMillis(startNanos), current.pid(), current.exitValue());
    }

    /**
     * Kills the server (SIGKILL to its pid) and waits for it to exit, simulating a crash; the
     * datadir is kept for {@link #restart()}. Does nothing if the server is not running.
     */
    public synchronized void kill()
    {
        checkNotClosed();
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        exitRequested = true;
        current.destroyForcibly();
        if (!waitForExit(current, KILL_TIMEOUT)) {
            throw new IllegalStateException("MariaDB server " + this + " did not exit after SIGKILL to pid " + current.pid());
        }
        log.info("Killed MariaDB server {}: pid {}", this, current.pid());
    }

    /**
     * Starts the server again on the same port and datadir, stopping it cleanly first if it is
     * running, and waits until it accepts connections.
     */
    public synchronized void restart()
    {
        checkNotClosed();
        stop();
        long startNanos = System.nanoTime();
        try {
            launch(Optional.empty());
        }
        catch (PortTakenException e) {
            throw new IllegalStateException("Cannot restart MariaDB server " + this + ": port " + port + " is now used by another process\n" + e.getMessage());
        }
        log.info("Restarted MariaDB server {} in {} ms: pid {}", this, elapsedMillis(startNanos), pid);
    }

    public boolean isRunning()
    {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * Kills the server if it is running and deletes its datadir. Calling it again does nothing.
     */
    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Process current = process;
            if (current != null && !current.isAlive() && !exitRequested) {
                // a crash (MariaDB writes its backtrace and the query to the error log), kept before the datadir goes
                log.warn("MariaDB server {} (pid {}) exited by itself with status {} while the test ran\n{}",
                        this, current.pid(), current.exitValue(), LogTail.read(dataDir.resolve(ERROR_LOG), 0, 120));
            }
            if (current != null && current.isAlive()) {
                current.destroyForcibly();
                if (!waitForExit(current, KILL_TIMEOUT)) {
                    log.warn("MariaDB server {} did not exit within {} s after SIGKILL to pid {}", this, KILL_TIMEOUT.toSeconds(), current.pid());
                }
            }
        }
        finally {
            try {
                Sandboxes.deleteDirectory(dataDir);
            }
            finally {
                Sandboxes.unregister(this);
                if (port != 0) {
                    Ports.release(port);
                }
            }
        }
        log.info("Closed MariaDB server {} and deleted {}", this, dataDir);
    }

    @Override
    public String toString()
    {
        return HOST + ":" + port + " (server_id " + config.serverId().orElse(0) + ")";
    }

    /**
     * Last-resort cleanup from the JVM shutdown hook: no locks, bounded waits.
     */
    void destroyAtExit()
    {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            waitForExit(current, EXIT_HOOK_TIMEOUT);
        }
        Sandboxes.deleteRecursively(dataDir);
    }

    static List<String> command(MariaDbBinaries binaries, MariaDbConfig config, Path dataDir, int port, Optional<Path> initFile, boolean runningAsRoot)
    {
        List<String> command = new ArrayList<>();
        command.add(binaries.mariadbd().toString());
        command.add("--no-defaults");
        if (runningAsRoot) {
            command.add("--user=root");
        }
        command.add("--basedir=" + binaries.baseDir());
        command.add("--datadir=" + dataDir);
        command.add("--bind-address=" + HOST);
        command.add("--port=" + port);
        command.add("--socket=" + dataDir.resolve(SOCKET));
        command.add("--skip-networking=0");
        command.add("--skip-name-resolve");
        command.add("--pid-file=" + dataDir.resolve(Sandboxes.PID_FILE));
        command.add("--log-error=" + dataDir.resolve(ERROR_LOG));
        command.add("--tmpdir=" + dataDir.resolve(TMP_DIR));
        command.add("--ignore-db-dirs=" + TMP_DIR);
        command.add("--innodb-buffer-pool-size=" + DataDirTemplate.INNODB_BUFFER_POOL_SIZE);
        command.add("--innodb-log-file-size=" + DataDirTemplate.INNODB_LOG_FILE_SIZE);
        command.add("--character-set-server=utf8mb4");
        command.add("--collation-server=utf8mb4_general_ci");
        command.add("--server-id=" + config.serverId().orElseThrow());
        if (config.logBin()) {
            command.add("--log-bin=" + dataDir.resolve(BINLOG_BASENAME));
        }
        command.add("--binlog-format=" + config.binlogFormat());
        command.add("--binlog-row-image=" + config.binlogRowImage());
        command.add("--binlog-row-metadata=" + config.binlogRowMetadata());
        command.add("--gtid-strict-mode=" + onOff(config.gtidStrictMode()));
        command.add("--log-slave-updates=" + onOff(config.logSlaveUpdates()));
        command.add("--lower-case-table-names=" + config.lowerCaseTableNames());
        command.add("--max-allowed-packet=" + config.maxAllowedPacket());
        config.sqlMode().ifPresent(sqlMode -> command.add("--sql-mode=" + sqlMode));
        initFile.ifPresent(file -> command.add("--init-file=" + file));
        for (Map.Entry<String, String> option : config.options().entrySet()) {
            command.add("--" + option.getKey() + "=" + option.getValue());
        }
        return command;
    }

    /**
     * SQL run once by the server at its first start (one statement per line, as {@code --init-file}
     * requires): creates the test account and leaves root reachable through the socket only.
     * Nothing of it is written to the binlog.
     */
    static String initSql(String user, String password)
    {
        StringBuilder sql = new StringBuilder();
        sql.append("SET sql_log_bin = 0;\n");
        sql.append("DELETE FROM mysql.global_priv WHERE User = 'root' AND Host <> 'localhost';\n");
        sql.append("DELETE FROM mysql.proxies_priv WHERE User = 'root' AND Host <> 'localhost';\n");
        sql.append("FLUSH PRIVILEGES;\n");
        for (String host : List.of(HOST, "localhost")) {
            String account = literal(user) + "@" + literal(host);
            sql.append("CREATE OR REPLACE USER ").append(account).append(" IDENTIFIED BY ").append(literal(password)).append(";\n");
            sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
        }
        return sql.toString();
    }

    private synchronized void firstStart(long startNanos)
    {
        Path initFile = writeInitFile();
        for (int attempt = 1; ; attempt++) {
            port = Ports.reserve();
            try {
                launch(Optional.of(initFile));
                break;
            }
            catch (PortTakenException e) {
                Ports.release(port);
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException("Cannot start MariaDB server: the chosen port was taken " + attempt + " times\n" + e.getMessage());
                }
                log.info("Port {} was taken by another process, starting MariaDB server on another port", port);
            }
        }
        try {
            Files.deleteIfExists(initFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Started MariaDB server {} in {} ms: pid {}, datadir {}", this, elapsedMillis(startNanos), pid, dataDir);
    }

    private Path writeInitFile()
    {
        Path initFile = dataDir.resolve(INIT_FILE);
        try {
            Files.writeString(initFile, initSql(user(), password()), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rw-------"));
            return initFile;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + initFile, e);
        }
    }

    private void launch(Optional<Path> initFile)
    {
        List<String> command = command(binaries, config, dataDir, port, initFile, RUNNING_AS_ROOT);
        try {
            Files.createDirectories(dataDir.resolve(TMP_DIR));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the server's tmpdir in " + dataDir, e);
        }
        Path errorLog = dataDir.resolve(ERROR_LOG);
        Path outputLog = dataDir.resolve(OUTPUT_LOG);
        long errorLogOffset = LogTail.size(errorLog);
        long outputLogOffset = LogTail.size(outputLog);
        Process started;
        try {
            started = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binaries.mariadbd(), e);
        }
        process = started;
        exitRequested = false;
        pid = started.pid();
        awaitReady(started, errorLog, errorLogOffset, outputLog, outputLogOffset);
    }

    private void awaitReady(Process started, Path errorLog, long errorLogOffset, Path outputLog, long outputLogOffset)
    {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        SQLException lastFailure = null;
        while (true) {
            if (!started.isAlive()) {
                String written = LogTail.readFrom(errorLog, errorLogOffset) + LogTail.readFrom(outputLog, outputLogOffset);
                String logs = startupLogs(errorLog, errorLogOffset, outputLog, outputLogOffset);
                if (written.contains("Bind on TCP/IP port") || written.contains("Address already in use")) {
                    throw new PortTakenException(logs);
                }
                throw new IllegalStateException("MariaDB server " + this + " exited with code " + started.exitValue() +
                        " during startup (datadir " + dataDir + ")\n" + logs);
            }
            try {
                connect(jdbcUrl() + "?connectTimeout=10000").close();
                return;
            }
            catch (SQLException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                started.destroyForcibly();
                waitForExit(started, KILL_TIMEOUT);
                throw new IllegalStateException("MariaDB server " + this + " did not accept connections within " + STARTUP_TIMEOUT.toSeconds() + " s" +
                        " (pid " + started.pid() + " killed, datadir " + dataDir + "); last error: " + lastFailure.getMessage() + "\n" +
                        startupLogs(errorLog, errorLogOffset, outputLog, outputLogOffset), lastFailure);
            }
            try {
                started.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.destroyForcibly();
                throw new IllegalStateException("Interrupted while waiting for MariaDB server " + this + " to start", e);
            }
        }
    }

    private static String startupLogs(Path errorLog, long errorLogOffset, Path outputLog, long outputLogOffset)
    {
        String logs = LogTail.read(errorLog, errorLogOffset);
        if (!LogTail.readFrom(outputLog, outputLogOffset).isBlank()) {
            logs += "\n" + LogTail.read(outputLog, outputLogOffset);
        }
        return logs;
    }

    private Connection connect(String url)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("MariaDB driver does not accept URL " + url);
        }
        return connection;
    }

    private void checkNotClosed()
    {
        if (closed) {
            throw new IllegalStateException("MariaDB server " + this + " is closed");
        }
    }

    private static boolean waitForExit(Process process, Duration timeout)
    {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static MariaDbConfig resolve(MariaDbConfig config)
    {
        MariaDbConfig.Builder builder = config.toBuilder();
        if (config.serverId().isEmpty()) {
            builder.serverId(NEXT_SERVER_ID.getAndIncrement());
        }
        if (config.password().isEmpty()) {
            builder.password(randomPassword());
        }
        return builder.build();
    }

    private static String randomPassword()
    {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(RANDOM.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }

    private static String literal(String value)
    {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String onOff(boolean value)
    {
        return value ? "ON" : "OFF";
    }

    private static long elapsedMillis(long startNanos)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static final class PortTakenException
            extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        PortTakenException(String logs)
        {
            super(logs);
        }
    }
}
