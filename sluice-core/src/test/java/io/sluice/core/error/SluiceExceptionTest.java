package io.sluice.core.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SluiceExceptionTest
{
    @Test
    void testMessageRendersCodeCauseAndFix()
    {
        SluiceException e = new SluiceException(ErrorCode.BINLOG_PURGED,
                "The binlog file mysql-bin.000003 was purged.",
                "Take a new snapshot.");
        assertThat(e.getMessage()).isEqualTo("SLUICE-20006 BINLOG_PURGED: The binlog file mysql-bin.000003 was purged. Fix: Take a new snapshot.");
        assertThat(e.getMessage()).contains("The binlog file mysql-bin.000003 was purged.").contains("Fix:");
        assertThat(e.errorCode()).isSameAs(ErrorCode.BINLOG_PURGED);
        assertThat(e.reason()).isEqualTo("The binlog file mysql-bin.000003 was purged.");
        assertThat(e.fix()).isEqualTo("Take a new snapshot.");
        assertThat(e.getCause()).isNull();
        assertThat(e.isRetriable()).isFalse();
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void testEmptyFixIsOmitted()
    {
        SluiceException e = new SluiceException(ErrorCode.INTERNAL, "Something broke.", "");
        assertThat(e.getMessage()).isEqualTo("SLUICE-90001 INTERNAL: Something broke.");
        assertThat(e.getMessage()).doesNotContain("Fix:");
        assertThat(e.fix()).isEmpty();
    }

    @Test
    void testThrowableIsTheCause()
    {
        IOException io = new IOException("connection reset");
        SluiceException e = new SluiceException(ErrorCode.SOURCE_UNREACHABLE, "Cannot reach db1:3306.", "Check the network.", io);
        assertThat(e.getCause()).isSameAs(io);
        assertThat(e.reason()).isEqualTo("Cannot reach db1:3306.");
        assertThat(e.getMessage()).isEqualTo("SLUICE-20001 SOURCE_UNREACHABLE: Cannot reach db1:3306. Fix: Check the network.");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void testMessageStartsWithDisplay(ErrorCode errorCode)
    {
        SluiceException e = new SluiceException(errorCode, "cause", "fix");
        assertThat(e.getMessage()).startsWith(errorCode.display() + ": ").endsWith(" Fix: fix");
    }

    @Test
    void testNullsRejected()
    {
        assertThatThrownBy(() -> new SluiceException(null, "cause", "fix"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("errorCode is null");
        assertThatThrownBy(() -> new SluiceException(ErrorCode.INTERNAL, null, "fix"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("cause is null");
        assertThatThrownBy(() -> new SluiceException(ErrorCode.INTERNAL, "cause", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fix is null");
        assertThatThrownBy(() -> new RetriableSluiceException(null, "cause", "fix", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("errorCode is null");
    }

    @Test
    void testRetriable()
    {
        IllegalStateException cause = new IllegalStateException("deadlock");
        RetriableSluiceException e = new RetriableSluiceException(ErrorCode.BINLOG_CONNECTION_LOST, "Lost the binlog connection.", "None needed; Sluice reconnects.", cause);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e).isInstanceOf(SluiceException.class);
        assertThat(e.errorCode()).isSameAs(ErrorCode.BINLOG_CONNECTION_LOST);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.getMessage()).isEqualTo("SLUICE-20007 BINLOG_CONNECTION_LOST: Lost the binlog connection. Fix: None needed; Sluice reconnects.");

        SluiceException asBase = e;
        assertThat(asBase.isRetriable()).isTrue();
        assertThat(new RetriableSluiceException(ErrorCode.SOURCE_UNREACHABLE, "x", "y", null).getCause()).isNull();
    }
}
