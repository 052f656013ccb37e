package io.sluice.config.job;

import java.util.List;

/**
 * How a job file spells its keys: nomad job files ({@code Job.TaskGroups[].Tasks[].Config}, and
 * dtle 2.x files) use dtle's CamelCase names such as {@code ReplicateDoDb}; the dtle HTTP API v2
 * ({@code migration_job_config}, {@code sync_job_config}) uses snake_case names such as
 * {@code replicate_do_db}.
 */
enum Dialect
{
    NOMAD,
    API;

    /** Every spelling of the field in this dialect, the preferred one first; empty when the dialect has no such field. */
    List<String> names(Field field)
    {
        return this == NOMAD ? field.nomad() : field.api();
    }

    /** The preferred spelling, for messages; the field must exist in this dialect. */
    String name(Field field)
    {
        List<String> names = names(field);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(field + " has no " + this + " name");
        }
        return names.getFirst();
    }
}
