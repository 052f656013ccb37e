package io.sluice.config.job;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * dtle's Kafka destination ({@code KafkaConfig} in a nomad job, {@code kafka_*} keys of the API
 * v2's {@code dest_task}): the topic (with {@code .schema.table} appended when
 * {@code topicWithSchemaTable}), the brokers, the message converter (only {@code json}), and how
 * long and how large a batch of messages may grow before it is sent.
 */
public record KafkaConfig(String topic, boolean topicWithSchemaTable, List<String> brokers, String converter, int messageGroupMaxSize, int messageGroupTimeoutMs)
{
    public static final String JSON_CONVERTER = "json";
    public static final int DEFAULT_MESSAGE_GROUP_MAX_SIZE = 1;
    public static final int DEFAULT_MESSAGE_GROUP_TIMEOUT_MS = 100;

    public KafkaConfig
    {
        requireNonNull(topic, "topic is null");
        brokers = List.copyOf(requireNonNull(brokers, "brokers is null"));
        requireNonNull(converter, "converter is null");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic is blank");
        }
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("brokers is empty");
        }
        if (messageGroupMaxSize < 0 || messageGroupTimeoutMs < 0) {
            throw new IllegalArgumentException("message group size and timeout must not be negative");
        }
    }
}
