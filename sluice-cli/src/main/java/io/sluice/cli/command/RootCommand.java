package io.sluice.cli.command;

import io.sluice.cli.http.MasterAddress;
import io.sluice.cli.http.MasterClient;
import io.sluice.cli.output.Json;
import io.sluice.cli.output.ReplyPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * The {@code sluicectl} command itself: dmctl's global options, in Go style ({@code -master-addr}) and GNU
 * style ({@code --master-addr}), and what happens without a subcommand: {@code -V}, {@code -encrypt},
 * {@code -decrypt}, or the REPL. Subcommands reach the master and the output through it.
 */
@Command(name = "sluicectl",
        description = "Sluice control",
        customSynopsis = "sluicectl [global flags] [command]")
public final class RootCommand
        implements Callable<Integer>, AutoCloseable
{
    private final Session session;
    private final ReplLauncher replLauncher;
    private final ReplyPrinter printer;
    private MasterClient client;

    @Spec
    CommandSpec spec;

    @Option(names = {"-master-addr", "--master-addr"}, paramLabel = "HOST:PORT", description = "master API server addr")
    String masterAddr;

    @Option(names = {"-rpc-timeout", "--rpc-timeout"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "rpc timeout, Go duration text such as 30s or 10m")
    Duration rpcTimeout;

    @Option(names = {"-encrypt", "--encrypt"}, paramLabel = "TEXT", description = "encrypt plaintext to ciphertext")
    String encrypt;

    @Option(names = {"-decrypt", "--decrypt"}, paramLabel = "TEXT", description = "decrypt ciphertext to plaintext")
    String decrypt;

    @Option(names = {"-V", "--version"}, description = "prints version and exit")
    boolean version;

    @Mixin
    HelpOption help;

    @Mixin
    WorkerOptions workerOptions;

    public RootCommand(Session session, GlobalDefaults defaults, ReplLauncher replLauncher)
    {
        this.session = requireNonNull(session, "session is null");
        this.replLauncher = requireNonNull(replLauncher, "replLauncher is null");
        this.printer = new ReplyPrinter(session.out());
        // picocli takes a field's value at construction as the option's default: in the REPL, the session's
        this.masterAddr = defaults.masterAddr();
        this.rpcTimeout = defaults.rpcTimeout();
    }

    @Override
    public Integer call()
            throws Exception
    {
        if (encrypt != null && decrypt != null) {
            throw new ParameterException(spec.commandLine(), "-encrypt and -decrypt cannot be used together");
        }
        if (!workers().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "-w selects workers for a command; give the command, e.g. 'sluicectl -w worker1 query-status'");
        }
        if (version) {
            return new VersionAction(this).run();
        }
        if (encrypt != null) {
            return SecretAction.ENCRYPT.run(this, encrypt);
        }
        if (decrypt != null) {
            return SecretAction.DECRYPT.run(this, decrypt);
        }
        return replLauncher.start(this);
    }

    public Session session()
    {
        return session;
    }

    public CommandSpec spec()
    {
        return spec;
    }

    public ReplyPrinter printer()
    {
        return printer;
    }

    public GlobalDefaults globals()
    {
        return new GlobalDefaults(masterAddr, rpcTimeout);
    }

    /** The workers given before the command ({@code sluicectl -w a pause-task t}). */
    public List<String> workers()
    {
        return workerOptions.workers();
    }

    public MasterAddress masterAddress()
    {
        try {
            return MasterAddress.parse(masterAddr);
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The client of the master, created on first use so that a usage error never opens a connection. */
    public MasterClient client()
    {
        if (client == null) {
            client = new MasterClient(masterAddress(), rpcTimeout, Json.mapper());
        }
        return client;
    }

    @Override
    public void close()
    {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
