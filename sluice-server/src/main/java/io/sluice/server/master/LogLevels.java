package io.sluice.server.master;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/** Changes the server's log level at run time (update-master-config, dtle's {@code POST /v2/log/level}). */
public final class LogLevels {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private LogLevels() {}

    /** Sets the level of Sluice's loggers ({@code io.sluice}); returns the level set. */
    public static String set(String level) {
        String upper = level.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "Unknown log level '" + level + "'.", "Use one of trace, debug, info, warn, error.");
        }
        if (LoggerFactory.getLogger("io.sluice") instanceof Logger logger) {
            logger.setLevel(Level.toLevel(upper));
        }
        return upper.toLowerCase(Locale.ROOT);
    }

    public static String current() {
        if (LoggerFactory.getLogger("io.sluice") instanceof Logger logger) {
            return logger.getEffectiveLevel().toString().toLowerCase(Locale.ROOT);
        }
        return "info";
    }
}
