#!/usr/bin/env python3
"""Helpers for bench/run (standard library only; talks to MariaDB through a persistent `mariadb` client).

  benchutil.py gc-peak GC_LOG                      peak JVM heap (MB) seen in a -Xlog:gc,gc+heap+exit log
  benchutil.py gtid-covers HAVE WANT               exit 0 if GTID list HAVE contains WANT (MariaDB d-s-n lists)
  benchutil.py gtid-count FROM TO                  transactions between two MariaDB GTID lists
  benchutil.py wait-checkpoint --socket S --gtid G --timeout T [--pid P]
                                                   until sluice_meta.checkpoint covers G; prints JSON timings
  benchutil.py lag --src-socket S --tgt-socket T --out F --sysbench-log L -- SYSBENCH ARGS...
                                                   heartbeat lag while sysbench runs; writes JSON to F
  benchutil.py assemble RESULTS_TSV OUT_JSON       key<TAB>json lines -> nested JSON plus derived ratios
  benchutil.py table JSON                          prints the results table
"""
import json
import math
import os
import re
import subprocess
import sys
import time


# ------------------------------------------------------------------------------------------ client
class Client:
    """A `mariadb` batch client kept open; query() returns rows of tab-separated strings."""

    def __init__(self, socket, errlog=os.devnull):
        self.err = open(errlog, "a")
        self.proc = subprocess.Popen(
            ["mariadb", "--no-defaults", "-uroot", "--socket=" + socket, "-N", "-B", "-n", "--force"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err, text=True, bufsize=1)

    def execute(self, sql):
        """Sends a statement without waiting for it."""
        self.proc.stdin.write(sql.rstrip().rstrip(";") + ";\n")
        self.proc.stdin.flush()

    def query(self, sql):
        self.proc.stdin.write(sql.rstrip().rstrip(";") + ";\nSELECT '__EOQ__';\n")
        self.proc.stdin.flush()
        rows = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("mariadb client exited")
            line = line.rstrip("\n")
            if line == "__EOQ__":
                return rows
            rows.append(line.split("\t"))

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
        self.err.close()


# ------------------------------------------------------------------------------------------ GTIDs
def parse_gtids(text):
    result = {}
    for part in (text or "").replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        domain, _server, seq = part.split("-")
        result[int(domain)] = max(result.get(int(domain), 0), int(seq))
    return result


def covers(have, want):
    h, w = parse_gtids(have), parse_gtids(want)
    return all(h.get(d, -1) >= s for d, s in w.items())


def count(frm, to):
    f, t = parse_gtids(frm), parse_gtids(to)
    return sum(s - f.get(d, 0) for d, s in t.items())


def alive(pid):
    if not pid:
        return True
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie is not alive
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_checkpoint(socket, gtid, timeout, pid=None, interval=0.05):
    client = Client(socket)
    start = time.time()
    first, first_advance_at = None, None
    sql = "SELECT stage, binlog_gtid FROM sluice_meta.checkpoint LIMIT 1"
    try:
        while True:
            rows = client.query(sql)
            now = time.time()
            if rows:
                stage, have = rows[0][0], rows[0][1] if len(rows[0]) > 1 else ""
                if first is None:
                    first = have
                elif have != first and first_advance_at is None:
                    first_advance_at = now
                if stage == "SYNC" and have != "NULL" and covers(have, gtid):
                    print(json.dumps({"done_at": now, "first_advance_at": first_advance_at, "checkpoint": have}))
                    return 0
            if now - start > timeout:
                print(json.dumps({"error": "timeout", "checkpoint": rows[0][1] if rows else None,
                                  "applied": count(first or "", rows[0][1]) if rows and first else None}))
                return 1
            if not alive(pid):
                print(json.dumps({"error": "sluice exited", "checkpoint": rows[0][1] if rows else None}))
                return 3
            time.sleep(interval)
    finally:
        client.close()


# ------------------------------------------------------------------------------------------ lag
def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = max(0, math.ceil(p / 100.0 * len(sorted_values)) - 1)  # nearest rank
    return sorted_values[k]


def lag(args):
    import argparse
    ap = argparse.ArgumentParser(prog="benchutil.py lag")
    ap.add_argument("--src-socket", required=True)
    ap.add_argument("--tgt-socket", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sysbench-log", required=True)
    ap.add_argument("--interval", type=float, default=0.1)
    ap.add_argument("--poll", type=float, default=0.02)
    ap.add_argument("--drain-timeout", type=float, default=300)
    ap.add_argument("sysbench", nargs=argparse.REMAINDER)
    a = ap.parse_args(args)
    cmd = a.sysbench[1:] if a.sysbench and a.sysbench[0] == "--" else a.sysbench
    writer = Client(a.src_socket, a.out + ".writer.err")
    reader = Client(a.tgt_socket, a.out + ".reader.err")
    seq = int(writer.query("SELECT COALESCE(MAX(seq), 0) FROM benchhb.heartbeat")[0][0])
    last_seen = int((reader.query("SELECT COALESCE(MAX(seq), 0) FROM benchhb.heartbeat") or [["0"]])[0][0])
    first_seq = seq + 1
    lags = {}  # seq -> ms
    written_at = {}

    # a parallel applier commits transactions on different keys in any order, so heartbeats can
    # arrive out of order: poll from the oldest one not seen yet, not from the newest seen
    oldest_unseen = last_seen + 1

    def poll():
        nonlocal last_seen, oldest_unseen
        for row in reader.query("SELECT seq, TIMESTAMPDIFF(MICROSECOND, ts, NOW(6)) FROM benchhb.heartbeat "
                                "WHERE seq >= %d ORDER BY seq" % oldest_unseen):
            s, us = int(row[0]), int(row[1])
            if s not in lags:
                lags[s] = us / 1000.0
            last_seen = max(last_seen, s)
        while oldest_unseen in lags:
            oldest_unseen += 1

    with open(a.sysbench_log, "w") as log:
        bench = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        t0 = time.monotonic()
        next_write, next_poll = t0, t0
        while bench.poll() is None:
            now = time.monotonic()
            if now >= next_write:
                seq += 1
                writer.execute("INSERT INTO benchhb.heartbeat (seq, ts) VALUES (%d, NOW(6))" % seq)
                written_at[seq] = now
                next_write += a.interval
                if next_write < now:  # we fell behind (machine saturated): do not burst
                    next_write = now + a.interval
            if now >= next_poll:
                poll()
                next_poll = now + a.poll
            time.sleep(max(0.0, min(next_write, next_poll) - time.monotonic()))
        run_seconds = time.monotonic() - t0
    last_seq = seq
    # make sure every heartbeat was executed on the source before draining
    src_max = int(writer.query("SELECT COALESCE(MAX(seq), 0) FROM benchhb.heartbeat")[0][0])
    drain_start = time.monotonic()
    while oldest_unseen <= last_seq and time.monotonic() - drain_start < a.drain_timeout:
        poll()
        time.sleep(a.poll)
    drain_seconds = time.monotonic() - drain_start
    writer.close()
    reader.close()
    expected = list(range(first_seq, last_seq + 1))
    missing = [s for s in expected if s not in lags]
    values = sorted(lags[s] for s in expected if s in lags)
    lower_bound = False
    if missing:  # not arrived within the drain timeout: their lag is at least the time waited so far
        lower_bound = True
        end = time.monotonic()
        values = sorted(values + [(end - written_at.get(s, end)) * 1000.0 for s in missing])
    result = {
        "samples": len(expected), "arrived": len(expected) - len(missing), "missing": len(missing),
        "source_max_seq_written": src_max, "sysbench_exit": bench.returncode,
        "p50_ms": percentile(values, 50), "p90_ms": percentile(values, 90), "p99_ms": percentile(values, 99),
        "max_ms": values[-1] if values else None, "mean_ms": sum(values) / len(values) if values else None,
        "lower_bound": lower_bound, "run_seconds": run_seconds, "drain_seconds": drain_seconds,
    }
    with open(a.out, "w") as f:
        json.dump(result, f)
    return 0 if bench.returncode == 0 else 1


# ------------------------------------------------------------------------------------------ GC log
def gc_peak(path):
    peak = 0.0
    with open(path) as f:
        for line in f:
            m = re.search(r"\) (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)", line)
            if m:
                peak = max(peak, to_mb(m.group(1), m.group(2)), to_mb(m.group(3), m.group(4)))
            m = re.search(r"heap.*\bused (\d+)([KMG])", line)
            if m:
                peak = max(peak, to_mb(m.group(1), m.group(2)))
    print("%.1f" % peak)


def to_mb(value, unit):
    return float(value) * {"K": 1 / 1024.0, "M": 1.0, "G": 1024.0}[unit]


# ------------------------------------------------------------------------------------------ results
REQUIRED = {
    "full_copy": ["sluice_s", "myloader_s", "mariadb_dump_s"],
    "catchup": ["sluice_tps", "native_parallel_tps", "native_single_tps"],
    "lag": ["p50_ms", "p99_ms"],
    "bigtxn": ["ok", "seconds", "peak_heap_mb"],
}


def assemble(tsv, out):
    data = {}
    with open(tsv) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            key, raw = line.split("\t", 1)
            value = json.loads(raw)
            node = data
            parts = key.split(".")
            for p in parts[:-1]:
                node = node.setdefault(p, {})
            last = parts[-1]
            if last == "reason" and node.get(last):
                node[last] = node[last] + "; " + value
            else:
                node[last] = value
    ran = data.get("meta", {}).get("phases_run", [])
    for phase, keys in REQUIRED.items():
        node = data.setdefault(phase, {})
        for k in keys:
            node.setdefault(k, None)
        if phase not in ran:
            node.setdefault("reason", "not run in this invocation")
        node.setdefault("reason", None)
    derive(data)
    with open(out, "w") as f:
        json.dump(data, f, indent=2, sort_keys=False)
        f.write("\n")


def ratio(a, b):
    return round(a / b, 3) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else None


def rate(n, s):
    return round(n / s, 1) if isinstance(n, (int, float)) and isinstance(s, (int, float)) and s else None


def derive(d):
    fc = d["full_copy"]
    rows, mb = fc.get("rows"), fc.get("data_mb")
    for c in ("sluice", "myloader", "myloader_skip_binlog", "mariadb_dump"):
        fc[c + "_rows_per_s"] = rate(rows, fc.get(c + "_s"))
        fc[c + "_mb_per_s"] = rate(mb, fc.get(c + "_s"))
    fc["ratio_vs_myloader"] = ratio(fc.get("sluice_s"), fc.get("myloader_s"))
    fc["ratio_vs_myloader_skip_binlog"] = ratio(fc.get("sluice_s"), fc.get("myloader_skip_binlog_s"))
    fc["ratio_vs_mariadb_dump"] = ratio(fc.get("sluice_s"), fc.get("mariadb_dump_s"))
    cu = d["catchup"]
    for c in ("sluice", "native_parallel", "native_single"):
        cu[c + "_tps"] = cu.get(c + "_tps") if cu.get(c + "_tps") is not None else rate(cu.get("transactions"), cu.get(c + "_s"))
        cu[c + "_rows_per_s"] = rate(cu.get("rows"), cu.get(c + "_s"))
    cu["ratio_vs_native_parallel"] = ratio(cu.get("sluice_tps"), cu.get("native_parallel_tps"))
    cu["ratio_vs_native_single"] = ratio(cu.get("sluice_tps"), cu.get("native_single_tps"))
    lg = d["lag"]
    lg["ratio_p99_vs_native_parallel"] = ratio(lg.get("p99_ms"), lg.get("native_parallel_p99_ms"))


def fmt(v, unit=""):
    if v is None:
        return "n/a"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, float):
        v = ("%.0f" % v) if abs(v) >= 100 else ("%.1f" % v) if abs(v) >= 10 else ("%.2f" % v)
    return "%s%s" % (v, unit)


def table(path):
    with open(path) as f:
        d = json.load(f)
    fc, cu, lg, bt = d["full_copy"], d["catchup"], d["lag"], d["bigtxn"]
    rows = [("phase / metric", "Sluice", "peer", "peer value", "Sluice/peer", "goal", "met")]

    def goal(value, op, bound):
        if value is None:
            return "n/a"
        return "yes" if (value <= bound if op == "<=" else value >= bound) else "NO"

    rows.append(("full copy: wall s", fmt(fc.get("sluice_s")), "mydumper|myloader -e", fmt(fc.get("myloader_s")),
                 fmt(fc.get("ratio_vs_myloader"), "x"), "<= 0.7x", goal(fc.get("ratio_vs_myloader"), "<=", 0.7)))
    rows.append(("", "", "mydumper|myloader (no binlog)", fmt(fc.get("myloader_skip_binlog_s")),
                 fmt(fc.get("ratio_vs_myloader_skip_binlog"), "x"), "", ""))
    rows.append(("", "", "mariadb-dump|mariadb", fmt(fc.get("mariadb_dump_s")),
                 fmt(fc.get("ratio_vs_mariadb_dump"), "x"), "<= 0.5x", goal(fc.get("ratio_vs_mariadb_dump"), "<=", 0.5)))
    rows.append(("full copy: rows/s", fmt(fc.get("sluice_rows_per_s")), "mydumper|myloader -e", fmt(fc.get("myloader_rows_per_s")), "", "", ""))
    rows.append(("full copy: MB/s", fmt(fc.get("sluice_mb_per_s")), "mydumper|myloader -e", fmt(fc.get("myloader_mb_per_s")), "", "", ""))
    rows.append(("full copy: Sluice peak RSS/heap MB", "%s / %s" % (fmt(fc.get("sluice_peak_rss_mb")), fmt(fc.get("sluice_peak_heap_mb"))), "", "", "", "", ""))
    rows.append(("catch-up: txn/s", fmt(cu.get("sluice_tps")), "native parallel (4, optimistic)", fmt(cu.get("native_parallel_tps")),
                 fmt(cu.get("ratio_vs_native_parallel"), "x"), ">= 1.0x", goal(cu.get("ratio_vs_native_parallel"), ">=", 1.0)))
    rows.append(("", "", "native single-threaded", fmt(cu.get("native_single_tps")), fmt(cu.get("ratio_vs_native_single"), "x"), "", ""))
    rows.append(("catch-up: rows/s", fmt(cu.get("sluice_rows_per_s")), "native parallel", fmt(cu.get("native_parallel_rows_per_s")), "", "", ""))
    rows.append(("lag p50 ms", fmt(lg.get("p50_ms")), "native parallel", fmt(lg.get("native_parallel_p50_ms")), "", "", ""))
    rows.append(("lag p99 ms", fmt(lg.get("p99_ms")) + (" (>=)" if lg.get("lower_bound") else ""), "native parallel",
                 fmt(lg.get("native_parallel_p99_ms")), fmt(lg.get("ratio_p99_vs_native_parallel"), "x"), "<= 1000 ms",
                 goal(lg.get("p99_ms"), "<=", 1000)))
    rows.append(("big txn %s MB, %s" % (fmt(bt.get("size_mb")), bt.get("java_opts") or "") if bt.get("size_mb") else "big txn", "ok=%s %s s" % (fmt(bt.get("ok")), fmt(bt.get("seconds"))),
                 "", "", "", "succeeds", "n/a" if bt.get("ok") is None else ("yes" if bt.get("ok") else "NO")))
    rows.append(("big txn: Sluice peak heap/RSS MB", "%s / %s" % (fmt(bt.get("peak_heap_mb")), fmt(bt.get("peak_rss_mb"))), "", "", "", "", ""))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for phase in ("full_copy", "catchup", "lag", "bigtxn"):
        if d[phase].get("reason"):
            print("%s: %s" % (phase, d[phase]["reason"]))
        for label, v in sorted((d[phase].get("validation") or {}).items()):
            if v != "ok":
                print("VALIDATION %s/%s: %s" % (phase, label, v))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, rest = argv[1], argv[2:]
    if cmd == "gc-peak":
        gc_peak(rest[0])
        return 0
    if cmd == "gtid-covers":
        return 0 if covers(rest[0], rest[1]) else 1
    if cmd == "gtid-count":
        print(count(rest[0], rest[1]))
        return 0
    if cmd == "wait-checkpoint":
        import argparse
        ap = argparse.ArgumentParser(prog="benchutil.py wait-checkpoint")
        ap.add_argument("--socket", required=True)
        ap.add_argument("--gtid", required=True)
        ap.add_argument("--timeout", type=float, required=True)
        ap.add_argument("--pid", type=int)
        a = ap.parse_args(rest)
        return wait_checkpoint(a.socket, a.gtid, a.timeout, a.pid)
    if cmd == "lag":
        return lag(rest)
    if cmd == "assemble":
        assemble(rest[0], rest[1])
        return 0
    if cmd == "table":
        table(rest[0])
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
