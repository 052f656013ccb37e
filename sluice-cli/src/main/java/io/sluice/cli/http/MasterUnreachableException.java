package io.sluice.cli.http;

import static java.util.Objects.requireNonNull;

/**
 * The master could not be reached or did not answer in time. Its message is the whole reply text that
 * sluicectl prints, naming the address, the cause and how to fix it.
 */
public class MasterUnreachableException
        extends Exception
{
    public MasterUnreachableException(String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
    }
}
