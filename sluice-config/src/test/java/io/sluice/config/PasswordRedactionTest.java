package io.sluice.config;

import io.sluice.core.error.SluiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A password must not leak through any error, including YAML syntax errors, whose parser quotes
 * the offending source line, and type errors on the password itself.
 */
class PasswordRedactionTest
{
    private static final String PASSWORD = "Tr0ub4dor";

    @ParameterizedTest
    @ValueSource(strings = {
            // Unterminated quote: SnakeYAML's message would quote this line.
            "  password: \"Tr0ub4dor\n",
            // Syntax error on the password line itself.
            "  password: Tr0ub4dor: x\n",
            // A password starting with '*' reads as an alias.
            "  password: *Tr0ub4dor\n",
            // Wrong types.
            "  password: [Tr0ub4dor]\n",
            "  password: {Tr0ub4dor: 1}\n",
            // Errors next to the password.
            "  password: Tr0ub4dor\n  pasword: Tr0ub4dor\n",
            "  password: Tr0ub4dor\n  password: Tr0ub4dor\n",
            "  password: Tr0ub4dor\n  port: Tr0ub4dor\n",
            "  password: Tr0ub4dor\n\tport: 1\n",
            "  password: Tr0ub4dor\n  session: {a: [Tr0ub4dor]}\n",
            "  password: Tr0ub4dor\n  session: {time_zone: Tr0ub4dor}\n",
    })
    void testTaskErrorsNeverShowThePassword(String passwordLines)
    {
        String yaml = "name: t\ntask-mode: all\ntarget-database:\n  host: h\n  user: u\n" + passwordLines + "mysql-instances:\n  - source-id: s\n";
        assertThatThrownBy(() -> TaskFiles.readTask(yaml, "task.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, PasswordRedactionTest::assertNoPassword);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "  password: 'Tr0ub4dor\n",
            "  password: [Tr0ub4dor, 2]\n",
            "  password: Tr0ub4dor\n  user: [Tr0ub4dor]\n",
    })
    void testSourceErrorsNeverShowThePassword(String passwordLines)
    {
        String yaml = "source-id: s\nfrom:\n  host: h\n  user: u\n" + passwordLines.replace("  user: [", "  usr: [");
        assertThatThrownBy(() -> TaskFiles.readSource(yaml, "source.yaml"))
                .isInstanceOfSatisfying(SluiceException.class, PasswordRedactionTest::assertNoPassword);
    }

    private static void assertNoPassword(SluiceException e)
    {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(e.getMessage()).doesNotContain(PASSWORD).matches("SLUICE-10002 INVALID_CONFIG: (task|source)\\.yaml:\\d+:\\d+: .*");
        assertThat(e.fix()).doesNotContain(PASSWORD);
        assertThat(trace.toString()).doesNotContain(PASSWORD);
    }
}
