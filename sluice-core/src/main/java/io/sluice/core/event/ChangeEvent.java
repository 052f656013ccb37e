package io.sluice.core.event;

/** One change inside a transaction: a row change or a DDL statement. */
public sealed interface ChangeEvent permits RowChange, DdlEvent {}
