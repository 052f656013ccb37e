package io.sluice.server.worker;

import io.sluice.core.task.InstanceConfig;
import io.sluice.core.task.SourceConfig;
import io.sluice.core.task.TaskConfig;
import io.sluice.mysql.task.MysqlSubtask;
import io.sluice.mysql.task.SqlOperators;

/** Makes the engine object for one run of a subtask; each start or resume gets a fresh one, sharing the subtask's SQL operators. */
@FunctionalInterface
public interface SubtaskFactory {
    MysqlSubtask create(TaskConfig task, InstanceConfig instance, SourceConfig source, SqlOperators operators);
}
