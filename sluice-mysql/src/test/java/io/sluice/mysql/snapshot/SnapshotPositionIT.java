package io.sluice.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.core.event.ResumePosition;
import io.sluice.mysql.binlog.SourcePositions;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Both snapshot strategies return the binlog position that matches exactly what the snapshot sees. */
@ExtendWith(MariaDbExtension.class)
class SnapshotPositionIT {
    @Sandbox
    static MariaDbServer server;

    @Test
    void lockFreeSnapshotPositionMatchesItsData() throws Exception {
        check(false);
    }

    @Test
    void briefLockSnapshotPositionMatchesItsData() throws Exception {
        check(true);
    }

    private static void check(boolean underLock) throws Exception {
        String table = underLock ? "app.locked" : "app.free";
        server.execute("CREATE DATABASE IF NOT EXISTS app", "CREATE TABLE " + table + " (id INT PRIMARY KEY)",
                "INSERT INTO " + table + " SELECT seq FROM app.seq_1_to_100");
        ResumePosition expected;
        try (Connection probe = server.connect()) {
            expected = SourcePositions.currentEnd(probe);
        }
        try (Connection snapshot = server.connect()) {
            snapshot.setAutoCommit(false);
            ResumePosition position = underLock ? SnapshotPosition.beginUnderBriefLock(snapshot) : SnapshotPosition.begin(snapshot);
            // changes after the snapshot are neither in its data nor before its position
            server.execute("INSERT INTO " + table + " VALUES (101)");
            try (Statement statement = snapshot.createStatement(); ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(100);
            }
            assertThat(position.file()).isEqualTo(expected.file());
            assertThat(position.gtid()).isEqualTo(expected.gtid());
            snapshot.commit();
        }
    }
}
