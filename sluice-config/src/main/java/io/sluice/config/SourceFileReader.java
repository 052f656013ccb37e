package io.sluice.config;

import io.sluice.core.task.SourceConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a DM v2 {@code source.yaml}: {@code source-id}, {@code enable-gtid} (false when absent)
 * and the {@code from} connection. Relay-log, purge and checker settings belong to DM's relay
 * unit, which Sluice does not have, so they are rejected as not supported yet.
 */
final class SourceFileReader
{
    private static final List<String> KEYS = List.of("source-id", "enable-gtid", "from");
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("enable-relay", ""),
            Map.entry("relay-binlog-name", ""),
            Map.entry("relay-binlog-gtid", ""),
            Map.entry("relay-dir", ""),
            Map.entry("purge", ""),
            Map.entry("checker", ""),
            Map.entry("case-sensitive", " Sluice matches names without case, as DM does by default."),
            Map.entry("filters", ""),
            Map.entry("server-id", " Sluice picks its own replica server id."),
            Map.entry("flavor", " Sluice detects MySQL or MariaDB when it connects."));

    private SourceFileReader() {}

    static SourceConfig read(Optional<YamlNode> document, ConfigFile file)
    {
        Section root = Section.root(file, document).checkKeys(KEYS, UNSUPPORTED);
        String sourceId = root.requiredString("source-id");
        boolean enableGtid = root.bool("enable-gtid", false);
        return new SourceConfig(sourceId, enableGtid, Endpoints.read(root.requiredSection("from")));
    }
}
