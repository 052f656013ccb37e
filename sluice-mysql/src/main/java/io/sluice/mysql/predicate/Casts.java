package io.sluice.mysql.predicate;

import io.sluice.core.value.MysqlDateTime;
import io.sluice.mysql.predicate.Node.Cast.CastTarget;
import io.sluice.mysql.predicate.SqlType.Derivation;
import io.sluice.mysql.predicate.SqlType.Kind;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code CAST(x AS ...)} as MariaDB computes it: SIGNED/UNSIGNED reinterpret integers and round
 * DECIMAL half up (strings take their integer prefix), CHAR gives utf8mb4 text in the connection
 * collation, DECIMAL(p,s) rounds half up and clamps to the largest value of the type, DATE and
 * DATETIME accept temporal values and date string constants.
 */
final class Casts {
    private Casts() {}

    static Eval cast(Eval operand, CastTarget target, int length, int scale) {
        Eval e = operand instanceof HexHybrid hex && (target == CastTarget.SIGNED || target == CastTarget.UNSIGNED || target == CastTarget.DECIMAL)
                ? hex.asNumber() : operand;
        return switch (target) {
            case SIGNED, UNSIGNED -> integer(e, target == CastTarget.UNSIGNED);
            case CHAR -> text(e, length);
            case DECIMAL -> decimal(e, length, scale);
            case DATE -> date(e);
            case DATETIME -> dateTime(e, scale);
        };
    }

    private static Eval integer(Eval e, boolean unsigned) {
        if (e.type().isTemporal()) {
            throw new IllegalArgumentException("CAST of " + e.type().describe() + " to an integer is not supported");
        }
        if (unsigned && e.type().kind() == Kind.DOUBLE) {
            throw new IllegalArgumentException("CAST of FLOAT/DOUBLE values AS UNSIGNED is not supported; CAST them AS SIGNED");
        }
        return Conversions.asFunctionResult(Conversions.toInteger(e, unsigned));
    }

    private static Eval text(Eval e, int length) {
        Eval text = Strings.toText(e);
        if (text.type().collation() == Collation.BINARY && !text.type().isNull()) {
            throw new IllegalArgumentException("CAST of binary strings AS CHAR is not supported (invalid byte sequences would become '?')");
        }
        SqlType type = SqlType.string(Collation.CONNECTION, Derivation.IMPLICIT, text.type().ascii());
        if (length < 0) {
            return Conversions.map(text, type, v -> v);
        }
        return Conversions.map(text, type, v -> {
            String s = (String) v;
            int chars = s.codePointCount(0, s.length());
            return chars <= length ? s : s.substring(0, s.offsetByCodePoints(0, length));
        });
    }

    private static Eval decimal(Eval e, int precision, int scale) {
        BigDecimal max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale)).setScale(scale, RoundingMode.UNNECESSARY);
        Eval source = switch (Conversions.numericOperand(e).type().kind()) {
            case INT, DECIMAL -> Conversions.toDecimal(Conversions.numericOperand(e));
            case NULL -> new Constant(SqlType.decimal(scale), null);
            case STRING -> Conversions.map(e, SqlType.decimal(0), v -> NumericText.toDecimal((String) v));
            default -> throw new IllegalArgumentException("CAST of " + e.type().describe() + " AS DECIMAL is not supported");
        };
        return Conversions.map(source, SqlType.decimal(scale), v -> {
            BigDecimal rounded = Decimals.round((BigDecimal) v, scale);
            if (rounded.abs().compareTo(max) > 0) {
                return rounded.signum() < 0 ? max.negate() : max;
            }
            return rounded;
        });
    }

    private static Eval date(Eval e) {
        Eval temporal = temporal(e, "DATE");
        return Conversions.map(temporal, SqlType.DATE, Temporals::toDate);
    }

    private static Eval dateTime(Eval e, int fsp) {
        Eval temporal = temporal(e, "DATETIME");
        return Conversions.map(temporal, SqlType.datetime(fsp), v -> Temporals.truncate(Temporals.toDateTime(v), fsp));
    }

    private static Eval temporal(Eval e, String target) {
        Kind kind = e.type().kind();
        if (kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.NULL) {
            return e;
        }
        if (e.type().isString() && e.isConstant()) {
            String text = (String) e.eval(null);
            if (text == null) {
                return new Constant(SqlType.NULL, null);
            }
            MysqlDateTime value = Temporals.parseDateTime(text).orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' is not a date; write 'YYYY-MM-DD' or 'YYYY-MM-DD hh:mm:ss[.ffffff]'"));
            return new Constant(SqlType.datetime(6), value);
        }
        throw new IllegalArgumentException("CAST of " + e.type().describe() + " AS " + target + " is not supported; "
                + "only dates, datetimes and date string constants convert exactly");
    }
}
