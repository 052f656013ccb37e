package io.sluice.server.http.dtle;

import io.sluice.server.master.Members;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dtle's node list ({@code GET /v2/nodes}) from the cluster members in ZooKeeper. dtle's nodes are
 * the nomad clients that run tasks, so every Sluice worker is a node; the masters follow, so that
 * the list shows the whole cluster ({@code node_status_description} tells the roles apart). There is
 * no nomad: {@code nomad_version} is empty and {@code datacenter} is {@code dc1}, nomad's default.
 */
final class NodeView {
    private NodeView() {}

    static List<Map<String, Object>> nodes(Members members, List<String> sourcesOfWorker, String version) throws Exception {
        List<Map<String, Object>> nodes = new ArrayList<>();
        String leader;
        try {
            leader = leaderName(members.list("leader", List.of(), sourcesOfWorker));
        }
        catch (Exception noLeaderYet) {
            leader = "";
        }
        for (Map<String, Object> worker : entries(members.list("worker", List.of(), sourcesOfWorker), "workers")) {
            String addr = String.valueOf(worker.get("addr"));
            String sources = String.valueOf(worker.getOrDefault("source", ""));
            nodes.add(node(String.valueOf(worker.get("name")), addr, "worker (" + worker.get("stage") + (sources.isEmpty() ? "" : ": " + sources) + ")", version));
        }
        for (Map<String, Object> master : entries(members.list("master", List.of(), sourcesOfWorker), "masters")) {
            String name = String.valueOf(master.get("name"));
            nodes.add(node(name, String.valueOf(master.get("addr")), name.equals(leader) ? "master (leader)" : "master", version));
        }
        return nodes;
    }

    private static Map<String, Object> node(String name, String addr, String description, String version) {
        Map<String, Object> node = new LinkedHashMap<>();
        int colon = addr.lastIndexOf(':');
        node.put("node_address", colon > 0 ? addr.substring(0, colon) : addr);
        node.put("node_name", name);
        node.put("node_id", name);
        node.put("node_status", "ready");
        node.put("node_status_description", description);
        node.put("datacenter", "dc1");
        node.put("nomad_version", "");
        node.put("dtle_version", version);
        return node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> document, String role) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object member : (List<Object>) document.getOrDefault("members", List.of())) {
            Object group = ((Map<String, Object>) member).get(role);
            if (group instanceof Map<?, ?> map && map.get(role) instanceof List<?> entries) {
                entries.forEach(entry -> list.add((Map<String, Object>) entry));
            }
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static String leaderName(Map<String, Object> document) {
        for (Object member : (List<Object>) document.getOrDefault("members", List.of())) {
            Object leader = ((Map<String, Object>) member).get("leader");
            if (leader instanceof Map<?, ?> map) {
                return String.valueOf(map.get("name"));
            }
        }
        return "";
    }
}
