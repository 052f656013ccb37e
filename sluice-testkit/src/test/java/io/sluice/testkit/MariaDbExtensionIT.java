package io.sluice.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

@ExtendWith(MariaDbExtension.class)
class MariaDbExtensionIT
{
    private static volatile boolean fixtureEnabled;

    @Sandbox
    private static MariaDbServer shared;

    @Sandbox(binlogFormat = "MIXED", gtidStrictMode = false, options = "binlog_annotate_row_events=OFF")
    private MariaDbServer perTest;

    @Test
    void injectsStaticAndInstanceFields()
    {
        assertThat(shared.isRunning()).isTrue();
        assertThat(perTest.isRunning()).isTrue();
        assertThat(perTest.port()).isNotEqualTo(shared.port());
        assertThat(shared.query("SELECT @@binlog_format, @@gtid_strict_mode")).containsExactly(List.of("ROW", "1"));
        assertThat(perTest.query("SELECT @@binlog_format, @@gtid_strict_mode, @@binlog_annotate_row_events"))
                .containsExactly(List.of("MIXED", "0", "0"));
    }

    @Test
    void injectsAnnotatedParameters(@Sandbox(logBin = false, lowerCaseTableNames = 1) MariaDbServer parameter)
    {
        assertThat(parameter.isRunning()).isTrue();
        assertThat(parameter.port()).isNotIn(shared.port(), perTest.port());
        assertThat(parameter.query("SELECT @@log_bin, @@lower_case_table_names")).containsExactly(List.of("0", "1"));
    }

    @Test
    void closesEveryServerAfterItsScopeEvenWhenTestsFail()
    {
        Fixture.SEEN.clear();
        TestExecutionSummary summary;
        fixtureEnabled = true;
        try {
            summary = run(Fixture.class);
        }
        finally {
            fixtureEnabled = false;
        }

        assertThat(summary.getTestsStartedCount()).isEqualTo(2);
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.getException()).hasMessage("deliberate failure"));
        // one class-wide server, one per test for the instance field, one parameter
        assertThat(Fixture.SEEN).doesNotHaveDuplicates().hasSize(4);
        for (MariaDbServer server : Fixture.SEEN) {
            assertThat(server.isRunning()).as("%s running", server).isFalse();
            assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).as("pid %s alive", server.pid()).isFalse();
            assertThat(server.dataDir()).doesNotExist();
        }
    }

    static boolean fixtureEnabled()
    {
        return fixtureEnabled;
    }

    private static TestExecutionSummary run(Class<?> testClass)
    {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    /**
     * Run only by {@link #closesEveryServerAfterItsScopeEvenWhenTestsFail()}; one test fails on purpose.
     */
    @ExtendWith(MariaDbExtension.class)
    @EnabledIf("io.sluice.testkit.MariaDbExtensionIT#fixtureEnabled")
    static class Fixture
    {
        static final List<MariaDbServer> SEEN = new CopyOnWriteArrayList<>();

        @Sandbox
        static MariaDbServer classServer;

        @Sandbox
        MariaDbServer testServer;

        @Test
        void fails(@Sandbox MariaDbServer parameter)
        {
            remember(classServer, testServer, parameter);
            throw new AssertionError("deliberate failure");
        }

        @Test
        void passes()
        {
            remember(classServer, testServer);
        }

        private static void remember(MariaDbServer... servers)
        {
            for (MariaDbServer server : servers) {
                assertThat(server.isRunning()).isTrue();
                if (!SEEN.contains(server)) {
                    SEEN.add(server);
                }
            }
        }
    }
}
