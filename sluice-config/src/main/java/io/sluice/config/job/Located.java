package io.sluice.config.job;

import static java.util.Objects.requireNonNull;

/** A value read from a job file with the position of the value, for errors found after reading. */
record Located<T>(T value, Pos pos)
{
    Located
    {
        requireNonNull(value, "value is null");
        requireNonNull(pos, "pos is null");
    }
}
