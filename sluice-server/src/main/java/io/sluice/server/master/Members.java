package io.sluice.server.master;

import static java.util.Objects.requireNonNull;

import io.sluice.server.coordination.MetadataStore;
import org.apache.curator.framework.recipes.leader.LeaderLatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster membership in ZooKeeper: this server registers its master and its worker as ephemeral
 * nodes (gone when the server's session ends) and joins the masters' leader election. list-member
 * reads it back in DM v2's shape.
 */
public final class Members implements AutoCloseable {
    static final String MASTERS = "/members/masters";
    static final String WORKERS = "/members/workers";

    private final MetadataStore store;
    private final Member master;
    private final Member worker;
    private final LeaderLatch latch;

    public Members(MetadataStore store, Member master, Member worker) {
        this.store = requireNonNull(store, "store is null");
        this.master = requireNonNull(master, "master is null");
        this.worker = requireNonNull(worker, "worker is null");
        this.latch = store.leaderLatch(master.name());
    }

    public void register() throws Exception {
        store.putEphemeral(MASTERS + "/" + master.name(), master);
        store.putEphemeral(WORKERS + "/" + worker.name(), worker);
        latch.start();
    }

    public boolean isLeader() {
        return latch.hasLeadership();
    }

    /** list-member: the leader, the masters and the workers; {@code role} empty for all. */
    public Map<String, Object> list(String role, List<String> names, List<String> sourcesOfWorker) throws Exception {
        List<Object> members = new ArrayList<>();
        boolean all = role == null || role.isEmpty();
        if (all || "leader".equals(role)) {
            String leaderId = latch.getLeader().getId();
            Member leader = store.get(MASTERS + "/" + leaderId, Member.class).orElse(master);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("msg", "");
            entry.put("name", leader.name());
            entry.put("addr", leader.addr());
            members.add(Map.of("leader", entry));
        }
        if (all || "master".equals(role)) {
            List<Object> masters = new ArrayList<>();
            for (Member member : store.list(MASTERS, Member.class)) {
                if (names.isEmpty() || names.contains(member.name())) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", member.name());
                    entry.put("alive", true);
                    entry.put("addr", member.addr());
                    entry.put("clientURLs", List.of("http://" + member.addr()));
                    masters.add(entry);
                }
            }
            members.add(Map.of("masters", Map.of("msg", "", "masters", masters)));
        }
        if (all || "worker".equals(role)) {
            List<Object> workers = new ArrayList<>();
            for (Member member : store.list(WORKERS, Member.class)) {
                if (names.isEmpty() || names.contains(member.name())) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", member.name());
                    entry.put("addr", member.addr());
                    entry.put("stage", sourcesOfWorker.isEmpty() ? "free" : "bound");
                    entry.put("source", String.join(",", sourcesOfWorker));
                    workers.add(entry);
                }
            }
            members.add(Map.of("workers", Map.of("msg", "", "workers", workers)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("result", true);
        document.put("msg", "");
        document.put("members", members);
        return document;
    }

    @Override
    public void close() throws Exception {
        latch.close();
    }

    /** A master or worker as registered: its name and the address clients reach it at. */
    public record Member(String name, String addr) {
        public Member {
            requireNonNull(name, "name is null");
            requireNonNull(addr, "addr is null");
        }
    }
}
