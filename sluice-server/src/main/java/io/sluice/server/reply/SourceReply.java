package io.sluice.server.reply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The reply of {@code operate-source} (DM v2): overall result and one entry per source; {@code show}
 * adds the source's config with its password masked, its flavor and GTID setting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceReply(boolean result, String msg, List<Entry> sources, @JsonIgnore int httpStatus) {
    public SourceReply {
        requireNonNull(msg, "msg is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(boolean result, String msg, String source, String worker, Map<String, Object> config, String flavor, Boolean enableGtid) {
        public Entry {
            requireNonNull(msg, "msg is null");
            requireNonNull(source, "source is null");
        }

        public static Entry of(boolean result, String msg, String source, String worker) {
            return new Entry(result, msg, source, worker, null, null, null);
        }
    }
}
