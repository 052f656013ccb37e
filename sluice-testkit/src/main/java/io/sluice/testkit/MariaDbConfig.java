package io.sluice.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Immutable configuration of one {@link MariaDbServer} sandbox: the replication related server
 * options Sluice tests care about, any other {@code mariadbd} option, and the account the tests
 * connect with. Instances are created with {@link #builder()}; every value has a default that
 * gives a binlog-enabled, row-based, GTID-strict server.
 *
 * <p>{@link #serverId()} and {@link #password()} are empty unless set explicitly: a server
 * started from such a config picks a unique server id (from 1000 up) and a random password, and
 * reports the resolved values through {@link MariaDbServer#config()}.
 */
public final class MariaDbConfig
{
    public static final String DEFAULT_USER = "sluice";
    public static final String DEFAULT_MAX_ALLOWED_PACKET = "64M";

    private static final Set<String> BINLOG_FORMATS = Set.of("ROW", "STATEMENT", "MIXED");
    private static final Set<String> BINLOG_ROW_IMAGES = Set.of("FULL", "MINIMAL", "NOBLOB");
    private static final Set<String> BINLOG_ROW_METADATA = Set.of("MINIMAL", "FULL", "NO_LOG");
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[KMG]?");
    private static final Pattern OPTION_NAME = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final long MAX_SERVER_ID = 4_294_967_295L;

    private final boolean logBin;
    private final String binlogFormat;
    private final String binlogRowImage;
    private final OptionalLong serverId;
    private final boolean gtidStrictMode;
    private final String binlogRowMetadata;
    private final boolean logSlaveUpdates;
    private final int lowerCaseTableNames;
    private final Optional<String> sqlMode;
    private final String maxAllowedPacket;
    private final Map<String, String> options;
    private final String user;
    private final Optional<String> password;

    private MariaDbConfig(Builder builder)
    {
        this.logBin = builder.logBin;
        this.binlogFormat = requireNonNull(builder.binlogFormat, "binlogFormat is null");
        this.binlogRowImage = requireNonNull(builder.binlogRowImage, "binlogRowImage is null");
        this.serverId = requireNonNull(builder.serverId, "serverId is null");
        this.gtidStrictMode = builder.gtidStrictMode;
        this.binlogRowMetadata = requireNonNull(builder.binlogRowMetadata, "binlogRowMetadata is null");
        this.logSlaveUpdates = builder.logSlaveUpdates;
        this.lowerCaseTableNames = builder.lowerCaseTableNames;
        this.sqlMode = Optional.ofNullable(builder.sqlMode);
        this.maxAllowedPacket = requireNonNull(builder.maxAllowedPacket, "maxAllowedPacket is null");
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
        this.user = requireNonNull(builder.user, "user is null");
        this.password = Optional.ofNullable(builder.password);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Returns a builder initialized with the values of this config.
     */
    public Builder toBuilder()
    {
        Builder builder = new Builder()
                .logBin(logBin)
                .binlogFormat(binlogFormat)
                .binlogRowImage(binlogRowImage)
                .gtidStrictMode(gtidStrictMode)
                .binlogRowMetadata(binlogRowMetadata)
                .logSlaveUpdates(logSlaveUpdates)
                .lowerCaseTableNames(lowerCaseTableNames)
                .sqlMode(sqlMode.orElse(null))
                .maxAllowedPacket(maxAllowedPacket)
                .user(user)
                .password(password.orElse(null));
        serverId.ifPresent(builder::serverId);
        builder.options.putAll(options);
        return builder;
    }

    public boolean logBin()
    {
        return logBin;
    }

    public String binlogFormat()
    {
        return binlogFormat;
    }

    public String binlogRowImage()
    {
        return binlogRowImage;
    }

    /**
     * The configured server id; empty means "a unique id chosen when the server starts".
     */
    public OptionalLong serverId()
    {
        return serverId;
    }

    public boolean gtidStrictMode()
    {
        return gtidStrictMode;
    }

    public String binlogRowMetadata()
    {
        return binlogRowMetadata;
    }

    public boolean logSlaveUpdates()
    {
        return logSlaveUpdates;
    }

    public int lowerCaseTableNames()
    {
        return lowerCaseTableNames;
    }

    /**
     * The configured {@code sql_mode}; empty means the server's compiled-in default.
     */
    public Optional<String> sqlMode()
    {
        return sqlMode;
    }

    public String maxAllowedPacket()
    {
        return maxAllowedPacket;
    }

    /**
     * Additional {@code mariadbd} options in the order they were first set, keyed by option name
     * in its underscore form ({@code binlog_annotate_row_events}); they are passed after the
     * built-in options, so they can also override those.
     */
    public Map<String, String> options()
    {
        return options;
    }

    public String user()
    {
        return user;
    }

    /**
     * The configured password; empty means "a random password chosen when the server starts".
     */
    public Optional<String> password()
    {
        return password;
    }

    @Override
    public boolean equals(Object o)
    {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MariaDbConfig that)) {
            return false;
        }
        return logBin == that.logBin &&
                gtidStrictMode == that.gtidStrictMode &&
                logSlaveUpdates == that.logSlaveUpdates &&
                lowerCaseTableNames == that.lowerCaseTableNames &&
                binlogFormat.equals(that.binlogFormat) &&
                binlogRowImage.equals(that.binlogRowImage) &&
                serverId.equals(that.serverId) &&
                binlogRowMetadata.equals(that.binlogRowMetadata) &&
                sqlMode.equals(that.sqlMode) &&
                maxAllowedPacket.equals(that.maxAllowedPacket) &&
                options.equals(that.options) &&
                user.equals(that.user) &&
                password.equals(that.password);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(logBin, binlogFormat, binlogRowImage, serverId, gtidStrictMode, binlogRowMetadata,
                logSlaveUpdates, lowerCaseTableNames, sqlMode, maxAllowedPacket, options, user, password);
    }

    @Override
    public String toString()
    {
        return "MariaDbConfig{" +
                "logBin=" + logBin +
                ", binlogFormat=" + binlogFormat +
                ", binlogRowImage=" + binlogRowImage +
                ", serverId=" + (serverId.isPresent() ? serverId.getAsLong() : "auto") +
                ", gtidStrictMode=" + gtidStrictMode +
                ", binlogRowMetadata=" + binlogRowMetadata +
                ", logSlaveUpdates=" + logSlaveUpdates +
                ", lowerCaseTableNames=" + lowerCaseTableNames +
                ", sqlMode=" + sqlMode.orElse("default") +
                ", maxAllowedPacket=" + maxAllowedPacket +
                ", options=" + options +
                ", user=" + user +
                ", password=" + (password.isPresent() ? "***" : "random") +
                '}';
    }

    /**
     * Mutable builder of {@link MariaDbConfig}; each setter validates its argument immediately.
     */
    public static final class Builder
    {
        private boolean logBin = true;
        private String binlogFormat = "ROW";
        private String binlogRowImage = "FULL";
        private OptionalLong serverId = OptionalLong.empty();
        private boolean gtidStrictMode = true;
        private String binlogRowMetadata = "FULL";
        private boolean logSlaveUpdates;
        private int lowerCaseTableNames;
        private String sqlMode;
        private String maxAllowedPacket = DEFAULT_MAX_ALLOWED_PACKET;
        private final Map<String, String> options = new LinkedHashMap<>();
        private String user = DEFAULT_USER;
        private String password;

        private Builder() {}

        public Builder logBin(boolean logBin)
        {
            this.logBin = logBin;
            return this;
        }

        /**
         * {@code ROW} (default), {@code STATEMENT} or {@code MIXED}, case-insensitive.
         */
        public Builder binlogFormat(String binlogFormat)
        {
            this.binlogFormat = oneOf("binlogFormat", binlogFormat, BINLOG_FORMATS);
            return this;
        }

        /**
         * {@code FULL} (default), {@code MINIMAL} or {@code NOBLOB}, case-insensitive.
         */
        public Builder binlogRowImage(String binlogRowImage)
        {
            this.binlogRowImage = oneOf("binlogRowImage", binlogRowImage, BINLOG_ROW_IMAGES);
            return this;
        }

        /**
         * Fixed server id (1 to 4294967295). Ids chosen automatically start at 1000, so explicit
         * ids below 1000 never collide with them.
         */
        public Builder serverId(long serverId)
        {
            if (serverId < 1 || serverId > MAX_SERVER_ID) {
                throw new IllegalArgumentException("serverId must be between 1 and " + MAX_SERVER_ID + ": " + serverId);
            }
            this.serverId = OptionalLong.of(serverId);
            return this;
        }

        public Builder gtidStrictMode(boolean gtidStrictMode)
        {
            this.gtidStrictMode = gtidStrictMode;
            return this;
        }

        /**
         * {@code FULL} (default), {@code MINIMAL} or {@code NO_LOG}, case-insensitive.
         */
        public Builder binlogRowMetadata(String binlogRowMetadata)
        {
            this.binlogRowMetadata = oneOf("binlogRowMetadata", binlogRowMetadata, BINLOG_ROW_METADATA);
            return this;
        }

        public Builder logSlaveUpdates(boolean logSlaveUpdates)
        {
            this.logSlaveUpdates = logSlaveUpdates;
            return this;
        }

        /**
         * 0 (default), 1 or 2.
         */
        public Builder lowerCaseTableNames(int lowerCaseTableNames)
        {
            if (lowerCaseTableNames < 0 || lowerCaseTableNames > 2) {
                throw new IllegalArgumentException("lowerCaseTableNames must be 0, 1 or 2: " + lowerCaseTableNames);
            }
            this.lowerCaseTableNames = lowerCaseTableNames;
            return this;
        }

        /**
         * The server's {@code sql_mode}; {@code null} (default) keeps the server default, an empty
         * string sets an empty mode.
         */
        public Builder sqlMode(String sqlMode)
        {
            this.sqlMode = sqlMode;
            return this;
        }

        /**
         * A size such as {@code 64M} (default), {@code 1G} or {@code 1048576}.
         */
        public Builder maxAllowedPacket(String maxAllowedPacket)
        {
            requireNonNull(maxAllowedPacket, "maxAllowedPacket is null");
            String normalized = maxAllowedPacket.trim().toUpperCase(Locale.ROOT);
            if (!SIZE.matcher(normalized).matches()) {
                throw new IllegalArgumentException("maxAllowedPacket must be a size such as 64M: " + maxAllowedPacket);
            }
            this.maxAllowedPacket = normalized;
            return this;
        }

        /**
         * Any other {@code mariadbd} option, passed as {@code --name=value}. Dashes and underscores
         * in the name are equivalent; setting the same option again replaces the earlier value.
         */
        public Builder option(String name, String value)
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (normalized.startsWith("__")) {
                normalized = normalized.substring(2);
            }
            if (!OPTION_NAME.matcher(normalized).matches()) {
                throw new IllegalArgumentException("Invalid mariadbd option name: " + name);
            }
            options.put(normalized, value);
            return this;
        }

        /**
         * The account created for the tests, at {@code 127.0.0.1} and {@code localhost}; default
         * {@value MariaDbConfig#DEFAULT_USER}.
         */
        public Builder user(String user)
        {
            requireNonNull(user, "user is null");
            if (user.isEmpty() || user.length() > 80 || user.equalsIgnoreCase("root") || !isSingleLine(user)) {
                throw new IllegalArgumentException("user must be 1 to 80 characters on one line and not root: " + user);
            }
            this.user = user;
            return this;
        }

        /**
         * The password of {@link #user(String)}; {@code null} (default) means a random password
         * per started server.
         */
        public Builder password(String password)
        {
            if (password != null && !isSingleLine(password)) {
                throw new IllegalArgumentException("password must not contain line breaks or NUL characters");
            }
            this.password = password;
            return this;
        }

        public MariaDbConfig build()
        {
            return new MariaDbConfig(this);
        }

        private static boolean isSingleLine(String value)
        {
            return value.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0);
        }

        private static String oneOf(String name, String value, Set<String> allowed)
        {
            requireNonNull(value, name + " is null");
            String normalized = value.trim().toUpperCase(Locale.ROOT);
            if (!allowed.contains(normalized)) {
                throw new IllegalArgumentException(name + " must be one of " + allowed.stream().sorted().toList() + ": " + value);
            }
            return normalized;
        }
    }
}
