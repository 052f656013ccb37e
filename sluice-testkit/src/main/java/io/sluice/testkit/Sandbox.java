package io.sluice.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link MariaDbServer} field or parameter that {@link MariaDbExtension} fills with a
 * freshly started sandbox server. The attributes mirror {@link MariaDbConfig}; the server id and
 * the password of {@link MariaDbConfig#DEFAULT_USER} are chosen per server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface Sandbox
{
    boolean logBin() default true;

    String binlogFormat() default "ROW";

    String binlogRowImage() default "FULL";

    String binlogRowMetadata() default "FULL";

    boolean gtidStrictMode() default true;

    boolean logSlaveUpdates() default false;

    int lowerCaseTableNames() default 0;

    /**
     * The server's {@code sql_mode}; empty keeps the server default (use
     * {@code options = "sql_mode="} for an empty mode).
     */
    String sqlMode() default "";

    /**
     * Other {@code mariadbd} options as {@code name=value}, e.g.
     * {@code "binlog_annotate_row_events=OFF"}.
     */
    String[] options() default {};
}
