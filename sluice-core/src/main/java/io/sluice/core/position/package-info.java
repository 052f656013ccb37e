/**
 * Binlog positions and transaction identities: where a replication stream starts or resumes
 * ({@link io.sluice.core.position.BinlogPosition}) and which transaction an event belongs to
 * ({@link io.sluice.core.position.TransactionId}), for both MySQL (file positions and UUID based
 * GTID sets) and MariaDB (domain-server-sequence GTID lists). Every type is immutable, validates
 * on construction and has a canonical text form that its {@code parse} method reads back.
 */
package io.sluice.core.position;
