package io.sluice.config.job;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * A 1-based line and column in a job file, printed as {@code line:column} so that editors and
 * terminals can jump to it from {@code file:line:column}.
 */
record Pos(int line, int column)
{
    static final Pos START = new Pos(1, 1);

    Pos
    {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column must be positive: " + line + ":" + column);
        }
    }

    static Pos of(JsonLocation location)
    {
        // Jackson reports -1 when it has no position; the start of the file is the honest fallback.
        if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
            return START;
        }
        return new Pos(location.getLineNr(), location.getColumnNr());
    }

    @Override
    public String toString()
    {
        return line + ":" + column;
    }
}
