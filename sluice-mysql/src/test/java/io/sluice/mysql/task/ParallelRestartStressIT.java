package io.sluice.mysql.task;

import static io.sluice.mysql.task.Replication.assertSameData;
import static io.sluice.mysql.task.Replication.awaitCaughtUp;

import io.sluice.core.task.LoadOptions;
import io.sluice.core.task.SyncOptions;
import io.sluice.core.task.TaskConfig;
import io.sluice.core.task.TaskMode;
import io.sluice.testkit.MariaDbExtension;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ReplicationIT#sourceAndTargetRestartsDuringSyncLoseNothing} with 4 parallel writers,
 * repeated ({@code -Dsluice.stress.repetitions}, default 3) under CPU contention, with the target
 * restarted or killed at more moments; source and target compared after every repetition. Keyless
 * rows ({@code shop.audit}) are barriers: one applied twice shows as an extra row.
 */
@ExtendWith(MariaDbExtension.class)
class ParallelRestartStressIT {
    private static final List<String> DATABASES = List.of("shop", "crm", "app");
    private static final int REPETITIONS = Integer.getInteger("sluice.stress.repetitions", 3);

    @Test
    void restartsWithFourWritersUnderLoadLoseAndDuplicateNothing(@Sandbox MariaDbServer source, @Sandbox MariaDbServer target) throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon().name("spinner-" + i).start(() -> {
                long x = 0;
                while (busy.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        try {
            for (int repetition = 0; repetition < REPETITIONS; repetition++) {
                run(source, target, repetition);
            }
        }
        finally {
            busy.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }

    private static void run(MariaDbServer source, MariaDbServer target, int repetition) throws Exception {
        source.execute("DROP DATABASE IF EXISTS shop", "DROP DATABASE IF EXISTS crm", "DROP DATABASE IF EXISTS app", "DROP DATABASE IF EXISTS ignored");
        target.execute("DROP DATABASE IF EXISTS shop", "DROP DATABASE IF EXISTS crm", "DROP DATABASE IF EXISTS app", "DROP DATABASE IF EXISTS sluice_meta");
        ReplicationIT.createSchema(source, 5_000);
        TaskConfig base = Replication.task(target, TaskMode.ALL, DATABASES, LoadOptions.defaults(), null);
        TaskConfig task = new TaskConfig(base.name(), base.mode(), base.metaSchema(), base.target(), base.instances(), base.load(),
                new SyncOptions(4, SyncOptions.DEFAULT_GROUP_TRANSACTIONS, SyncOptions.DEFAULT_GROUP_AGE, false),
                base.shardMode(), base.caseSensitive(), base.ignoreCheckingItems());
        Random random = new Random(1000 + repetition);
        try (Replication.Running running = Replication.Running.start(task, Replication.source(source, true))) {
            awaitCaughtUp(source, target, running, 10);
            try (ReplicationIT.Writer writer = new ReplicationIT.Writer(source, 3 + repetition)) {
                // the original scenario
                Thread.sleep(500);
                target.restart();
                Thread.sleep(500);
                source.restart();
                Thread.sleep(500);
                target.kill();
                target.restart();
                // and the target restarted or killed at more moments
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(100 + random.nextInt(600));
                    if (random.nextBoolean()) {
                        target.kill();
                    }
                    target.restart();
                }
                Thread.sleep(500);
            }
            awaitCaughtUp(source, target, running, 11);
        }
        assertSameData(source, target, "shop", "crm", "app");
        System.out.println("stress repetition " + repetition + " passed");
    }
}
