package io.sluice.cli.command;

import io.sluice.cli.http.GoDurations;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The values the global options start from: dmctl's defaults on the command line, and in the REPL the
 * address and timeout the session was started with, so each typed line talks to the same master.
 */
public record GlobalDefaults(String masterAddr, Duration rpcTimeout)
{
    public static final String DEFAULT_MASTER_ADDR = "127.0.0.1:8261";
    public static final String DEFAULT_RPC_TIMEOUT = "10m";

    public GlobalDefaults
    {
        requireNonNull(masterAddr, "masterAddr is null");
        requireNonNull(rpcTimeout, "rpcTimeout is null");
    }

    public static GlobalDefaults dmctl()
    {
        return new GlobalDefaults(DEFAULT_MASTER_ADDR, GoDurations.parse(DEFAULT_RPC_TIMEOUT));
    }
}
