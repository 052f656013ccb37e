package io.sluice.server.reply;

import com.fasterxml.jackson.annotation.JsonInclude;

import static java.util.Objects.requireNonNull;

/** One worker's part of a dmctl operation reply: {@code {"op": "Pause", "result": true, "worker": "...", "msg": ""}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerReply(String op, boolean result, String worker, String msg) {
    public WorkerReply {
        requireNonNull(worker, "worker is null");
        requireNonNull(msg, "msg is null");
    }
}
