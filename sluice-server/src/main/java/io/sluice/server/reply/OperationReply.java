package io.sluice.server.reply;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sluice.core.error.SluiceException;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The reply dmctl prints for start-task, update-task, pause-task, resume-task and stop-task:
 * overall result and message, and one entry per worker ({@code op} only for pause/resume/stop).
 * The HTTP status a failed reply gets comes from the error that failed it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationReply(String op, boolean result, String msg, List<WorkerReply> workers, @JsonIgnore int httpStatus) {
    public OperationReply {
        requireNonNull(msg, "msg is null");
        workers = List.copyOf(requireNonNull(workers, "workers is null"));
    }

    public static OperationReply success(String op, List<WorkerReply> workers) {
        return new OperationReply(op, true, "", workers, 200);
    }

    public static OperationReply failure(String op, SluiceException e) {
        return new OperationReply(op, false, Messages.of(e), List.of(), HttpStatuses.of(e));
    }
}
