package io.sluice.cli;

import io.sluice.cli.CtlRunner.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** dmctl's global options in Go style and GNU style, {@code -w} before and after the command, secrets, version. */
class GlobalOptionsTest
{
    private FakeMaster master;

    @BeforeEach
    void startMaster()
            throws IOException
    {
        master = new FakeMaster();
    }

    @AfterEach
    void stopMaster()
    {
        master.close();
    }

    @Test
    void goStyleSingleDashGlobals()
    {
        Result result = CtlRunner.run("-master-addr", master.address(), "-rpc-timeout", "30s", "query-status", "shop");

        assertThat(result.exitCode()).isZero();
        assertThat(master.onlyRequest().query()).isEqualTo("task=shop");
    }

    @Test
    void gnuStyleGlobalsWithEquals()
    {
        Result result = CtlRunner.run("--master-addr=" + master.address(), "--rpc-timeout=1h30m", "query-status");

        assertThat(result.exitCode()).isZero();
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/status");
    }

    @Test
    void goStyleWithEquals()
    {
        assertThat(CtlRunner.run("-master-addr=" + master.address(), "query-error").exitCode()).isZero();
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/errors");
    }

    @Test
    void masterAddressMayBeAUrl()
    {
        assertThat(CtlRunner.run("--master-addr", "http://" + master.address() + "/", "query-status").exitCode()).isZero();
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/status");
    }

    @Test
    void invalidRpcTimeoutIsAUsageError()
    {
        Result result = CtlRunner.run("-rpc-timeout", "ten minutes", "query-status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid duration 'ten minutes'");
    }

    @Test
    void workersBeforeAndAfterTheCommandAreMerged()
    {
        Result result = CtlRunner.against(master, "-w", "w1,w2", "pause-task", "--worker", "w3", "-w", "w1", "shop");

        assertThat(result.exitCode()).isZero();
        assertThat(CommandRequestsTest.json(master.onlyRequest().body()))
                .isEqualTo(CommandRequestsTest.json("{\"workers\": [\"w1\", \"w2\", \"w3\"]}"));
    }

    @Test
    void workersWithoutACommandIsAUsageError()
    {
        Result result = CtlRunner.against(master, "-w", "w1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(master.requests()).isEmpty();
    }

    @Test
    void encryptPrintsOnlyTheCiphertext()
    {
        master.reply("POST", "/api/v1/secrets/encrypt", 200, "{\"result\": true, \"msg\": \"\", \"ciphertext\": \"VjX8cEeTX+qcvZ3bPaO4h0C80pe/1aU=\"}");

        Result result = CtlRunner.run("-master-addr", master.address(), "-encrypt", "123456");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("VjX8cEeTX+qcvZ3bPaO4h0C80pe/1aU=\n");
        assertThat(master.onlyRequest().method()).isEqualTo("POST");
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/secrets/encrypt");
        assertThat(CommandRequestsTest.json(master.onlyRequest().body())).isEqualTo(CommandRequestsTest.json("{\"plaintext\": \"123456\"}"));
    }

    @Test
    void decryptPrintsOnlyThePlaintext()
    {
        master.reply("POST", "/api/v1/secrets/decrypt", 200, "{\"result\": true, \"msg\": \"\", \"plaintext\": \"123456\"}");

        Result result = CtlRunner.run("--master-addr", master.address(), "--decrypt", "VjX8cEeTX+qcvZ3bPaO4h0C80pe/1aU=");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("123456\n");
        assertThat(CommandRequestsTest.json(master.onlyRequest().body()))
                .isEqualTo(CommandRequestsTest.json("{\"ciphertext\": \"VjX8cEeTX+qcvZ3bPaO4h0C80pe/1aU=\"}"));
    }

    @Test
    void failedDecryptPrintsTheJsonErrorAndExitsOne()
    {
        master.reply("POST", "/api/v1/secrets/decrypt", 400, "{\"result\": false, \"msg\": \"not a ciphertext of this install's key\"}");

        Result result = CtlRunner.run("-master-addr", master.address(), "-decrypt", "garbage");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"result\": false").contains("not a ciphertext");
    }

    @Test
    void encryptAgainstAnAbsentMasterExitsOne()
    {
        master.close();

        Result result = CtlRunner.run("-master-addr", master.address(), "-encrypt", "123456");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("cannot reach the master at " + master.address()).doesNotContain("123456");
    }

    @Test
    void versionPrintsTheClientAndTheServer()
    {
        master.reply("GET", "/api/v1/version", 200, "{\"result\": true, \"msg\": \"\", \"version\": \"0.1.0-SNAPSHOT\"}");

        Result result = CtlRunner.run("-master-addr", master.address(), "-V");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("sluicectl 0.1.0-SNAPSHOT\nserver 0.1.0-SNAPSHOT at " + master.address() + "\n");
        assertThat(master.onlyRequest().path()).isEqualTo("/api/v1/version");
    }

    @Test
    void versionWithoutAMasterPrintsTheClient()
    {
        master.close();

        Result result = CtlRunner.run("--master-addr", master.address(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("sluicectl 0.1.0-SNAPSHOT\n");
    }
}
