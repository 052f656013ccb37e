package io.sluice.core.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest
{
    @Test
    void testCodesAreUnique()
    {
        Set<Integer> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(ErrorCode.values().length);
    }

    @Test
    void testDisplaysAreUnique()
    {
        Set<String> displays = Arrays.stream(ErrorCode.values()).map(ErrorCode::display).collect(Collectors.toSet());
        assertThat(displays).hasSize(ErrorCode.values().length);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void testDisplayFormat(ErrorCode errorCode)
    {
        assertThat(errorCode.display()).isEqualTo("SLUICE-" + errorCode.code() + " " + errorCode.name());
        assertThat(errorCode.display()).matches("SLUICE-[1-9][0-9]{4} [A-Z][A-Z0-9_]*");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void testEveryCodeHasAType(ErrorCode errorCode)
    {
        assertThat(errorCode.type()).isNotNull();
        assertThat(errorCode.code()).isBetween(10000, 99999);
    }

    /** Codes are stable: users search for them, so existing ones must never be renumbered. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            INVALID_ARGUMENT             | 10001 | USER_ERROR
            SOURCE_UNREACHABLE           | 20001 | EXTERNAL
            SOURCE_AUTHENTICATION_FAILED | 20002 | USER_ERROR
            SOURCE_PRIVILEGE_MISSING     | 20003 | USER_ERROR
            BINLOG_NOT_ENABLED           | 20004 | USER_ERROR
            BINLOG_FORMAT_UNSUPPORTED    | 20005 | USER_ERROR
            BINLOG_PURGED                | 20006 | USER_ERROR
            BINLOG_CONNECTION_LOST       | 20007 | EXTERNAL
            BINLOG_EVENT_UNDECODABLE     | 20008 | INTERNAL_ERROR
            BINLOG_SERVER_ERROR          | 20009 | EXTERNAL
            BINLOG_EVENT_UNSUPPORTED     | 20010 | USER_ERROR
            SCHEMA_UNKNOWN_TABLE         | 30001 | USER_ERROR
            SCHEMA_MISMATCH              | 30002 | USER_ERROR
            INTERNAL                     | 90001 | INTERNAL_ERROR
            """)
    void testStableCodes(ErrorCode errorCode, int code, ErrorType type)
    {
        assertThat(errorCode.code()).isEqualTo(code);
        assertThat(errorCode.type()).isSameAs(type);
    }

    @Test
    void testDisplayExample()
    {
        assertThat(ErrorCode.BINLOG_PURGED.display()).isEqualTo("SLUICE-20006 BINLOG_PURGED");
        assertThat(ErrorCode.INVALID_ARGUMENT.display()).isEqualTo("SLUICE-10001 INVALID_ARGUMENT");
    }
}
