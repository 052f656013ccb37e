package io.sluice.core.config;

import static java.util.Objects.requireNonNull;

/**
 * A password or key. Its {@link #toString()} never reveals the value, so a secret that ends up in
 * a log line, an exception message or a status document shows as {@code ******}.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    /** The clear value; call only where it is handed to a driver or a cipher. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
