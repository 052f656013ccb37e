package io.sluice.core.value;

/** Formats fractional seconds the way MySQL prints them: exactly {@code fsp} digits, no point when fsp is 0. */
final class Fraction {
    private Fraction() {}

    static void append(StringBuilder out, int micros, int fsp) {
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("fractional-second precision must be 0..6, was " + fsp);
        }
        if (fsp == 0) {
            return;
        }
        String digits = String.valueOf(1_000_000 + micros).substring(1);
        out.append('.').append(digits, 0, fsp);
    }

    static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    static void checkMicros(int micros) {
        if (micros < 0 || micros > 999_999) {
            throw new IllegalArgumentException("microseconds must be 0..999999, was " + micros);
        }
    }
}
