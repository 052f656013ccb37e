package io.sluice.mysql.predicate;

/**
 * The three-valued result of a SQL condition. {@link #UNKNOWN} is what MySQL calls NULL in a
 * boolean context: a WHERE clause keeps only {@link #TRUE} rows, so UNKNOWN behaves like FALSE
 * there, but {@code NOT UNKNOWN} is still UNKNOWN.
 */
public enum Truth {
    TRUE, FALSE, UNKNOWN;

    static Truth of(boolean value) {
        return value ? TRUE : FALSE;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }

    Truth and(Truth other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
    }

    Truth or(Truth other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
    }

    Truth xor(Truth other) {
        if (this == UNKNOWN || other == UNKNOWN) {
            return UNKNOWN;
        }
        return of(this != other);
    }

    /** The value MySQL gives a condition in a numeric context: 1, 0 or NULL. */
    Long toInteger() {
        return switch (this) {
            case TRUE -> 1L;
            case FALSE -> 0L;
            case UNKNOWN -> null;
        };
    }
}
