package io.sluice.cli.command;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The request bodies of {@code docs/api.md}, one record each, so that a field name is written once and
 * the order of fields is the contract's. Null fields are left out of the JSON.
 */
final class Requests
{
    private Requests() {}

    record SourceConfigs(List<String> configs)
    {
        SourceConfigs
        {
            configs = List.copyOf(configs);
        }
    }

    record SourceIds(List<String> sourceIds)
    {
        SourceIds
        {
            sourceIds = List.copyOf(sourceIds);
        }
    }

    record StartTask(String config, boolean removeMeta, List<String> workers)
    {
        StartTask
        {
            requireNonNull(config, "config is null");
            workers = List.copyOf(workers);
        }
    }

    record UpdateTask(String config, List<String> workers)
    {
        UpdateTask
        {
            requireNonNull(config, "config is null");
            workers = List.copyOf(workers);
        }
    }

    record Config(String config)
    {
        Config
        {
            requireNonNull(config, "config is null");
        }
    }

    record Workers(List<String> workers)
    {
        Workers
        {
            workers = List.copyOf(workers);
        }
    }

    record SqlOperator(String op, String worker, String source, String binlogPos, String sqlPattern, String sqls)
    {
        SqlOperator
        {
            requireNonNull(op, "op is null");
        }
    }

    record SqlInjection(String worker, String source, String sqls)
    {
        SqlInjection
        {
            requireNonNull(sqls, "sqls is null");
        }
    }

    record UnlockDdlLock(String id, String owner, boolean forceRemove, List<String> workers)
    {
        UnlockDdlLock
        {
            requireNonNull(id, "id is null");
            workers = List.copyOf(workers);
        }
    }

    record BreakDdlLock(String task, String removeId, boolean exec, boolean skip, List<String> workers)
    {
        BreakDdlLock
        {
            requireNonNull(task, "task is null");
            workers = List.copyOf(workers);
        }
    }
}
