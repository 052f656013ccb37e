# Shared by bench/run: sandboxes, timing, results, validation. Sourced, not executed.
# Everything lives under $work (a temp dir removed on exit); every process started is recorded in
# $work/pids and stopped by pid at the end, only if its command line still mentions $work.

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
loud() { printf '\n!!!!!!!! %s !!!!!!!!\n\n' "$*" >&2; }
now()  { printf '%s' "$EPOCHREALTIME"; }
calc() { awk "BEGIN { printf \"%.3f\", ($1) }"; }
is_num() { [[ "${1:-}" =~ ^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$ ]]; }

# ---------------------------------------------------------------- results (key<TAB>json per line)
json_str() {
  local s
  s=$(printf '%s' "${1:-}" | tr -d '\000-\010\013-\037' | tr '\t\n' '  ')
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
put()     { printf '%s\t%s\n' "$1" "$2" >>"$work/results.tsv"; }                 # raw JSON
put_str() { put "$1" "$(json_str "$2")"; }
put_num() { if is_num "${2:-}"; then put "$1" "$2"; else put "$1" null; fi; }
# reason PHASE MESSAGE: why a number is null (or suspicious); several are joined with "; "
reason()  { loud "$1: $2"; put "$1.reason" "$(json_str "$2")"; }

# ---------------------------------------------------------------- processes
register_pid() { echo "$1 $2" >>"$work/pids"; }
# stop_pid PID [TIMEOUT_S]: SIGTERM, wait, then SIGKILL; only a pid whose command line mentions $work
stop_pid() {
  local pid=$1 timeout=${2:-60} i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  owned_pid "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
owned_pid() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$work"; }
stop_all_registered() {
  [ -f "$work/pids" ] || return 0
  local pid name
  # children (Sluice, samplers) before servers
  tac "$work/pids" | while read -r pid name; do
    if kill -0 "$pid" 2>/dev/null && owned_pid "$pid"; then
      log "cleanup: stopping $name (pid $pid)"
      stop_pid "$pid" 60
    fi
  done
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port=$((20000 + RANDOM % 12000))
  until port_is_free "$port" && ! grep -qx "$port" "$work/ports" 2>/dev/null; do port=$((20000 + RANDOM % 12000)); done
  echo "$port" >>"$work/ports"
  echo "$port"
}

# ---------------------------------------------------------------- CPU accounting
CLK_TCK=$(getconf CLK_TCK)
# proc_cpu PID: user+system CPU seconds the process has used so far (empty if it is gone)
proc_cpu() {
  local f
  f=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  f=${f##*) }
  # shellcheck disable=SC2086
  set -- $f
  calc "(${12} + ${13}) / $CLK_TCK"
}
sb_cpu() { proc_cpu "$(cat "$(sbdir "$1")/pid" 2>/dev/null)"; }
# cpu_mark SANDBOX...: remembers the CPU time of the sandboxes and the machine; cpu_put KEY: puts
# KEY.{source,target}_mariadbd_cpu_s and KEY.machine_busy_cpu_s since the mark
# machine_busy: CPU seconds the whole machine has been busy (all processes, ours or not)
machine_busy() { awk -v hz="$CLK_TCK" '$1 == "cpu" { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
cpu_mark() { local n; CPU_MARK=(); BUSY_MARK=$(machine_busy); for n in "$@"; do CPU_MARK+=("$n=$(sb_cpu "$n")"); done; }
cpu_put() {
  local key=$1 m n v; shift
  # compare with the processes below: a large excess means something else used the CPU meanwhile
  put_num "$key.machine_busy_cpu_s" "$(calc "$(machine_busy) - $BUSY_MARK")"
  for m in "${CPU_MARK[@]}"; do
    n=${m%%=*}; v=${m#*=}
    local role=$n; [ "$n" = src ] && role=source || role=target
    is_num "$v" && put_num "$key.${role}_mariadbd_cpu_s" "$(calc "$(sb_cpu "$n") - $v")"
  done
}
# timed_cpu FILE CMD...: runs CMD under /usr/bin/time, writing "user+sys" CPU seconds to FILE
timed_cpu() { local f=$1; shift; /usr/bin/time -f '%U %S' -o "$f.raw" "$@"; local rc=$?; awk 'END { printf "%.3f", $1 + $2 }' "$f.raw" >"$f" 2>/dev/null; return $rc; }

# ---------------------------------------------------------------- MariaDB sandboxes
# The settings every sandbox runs with, source and target, for every contender.
sandbox_settings() {
  cat <<EOF
--binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL
--log-slave-updates=ON --skip-slave-start
--sync-binlog=1 --innodb-flush-log-at-trx-commit=1
--innodb-buffer-pool-size=$BENCH_BUFFER_POOL --innodb-log-file-size=256M
--innodb-buffer-pool-dump-at-shutdown=OFF --innodb-buffer-pool-load-at-startup=OFF
--max-allowed-packet=256M --max-connections=300 --skip-name-resolve --character-set-server=utf8mb4
EOF
}

make_template() {
  [ -d "$work/template" ] && return 0
  mariadb-install-db --no-defaults --datadir="$work/template" --auth-root-authentication-method=normal \
    --skip-test-db --innodb-log-file-size=256M >"$work/template-install.log" 2>&1 \
    || { cat "$work/template-install.log" >&2; return 1; }
}

sbdir() { printf '%s/sb-%s' "$work" "$1"; }
sbport() { cat "$(sbdir "$1")/port"; }
sql() { local name=$1; shift; mariadb --no-defaults -uroot --socket="$(sbdir "$name")/mysql.sock" "$@"; }
sqlv() { sql "$1" -N -B -e "$2"; }   # one value / rows, no headers

# sb_start NAME SERVER_ID: starts (creating from the template, or restarting) a sandbox on a free
# loopback port; the port is kept across restarts
sb_start() {
  local name=$1 server_id=$2 d port run_as=() i
  d=$(sbdir "$name")
  mkdir -p "$d/binlog" "$d/relay" "$d/tmp"
  if [ ! -d "$d/data" ]; then
    make_template || return 1
    cp -a "$work/template" "$d/data"
  fi
  [ -f "$d/port" ] || free_port >"$d/port"
  port=$(cat "$d/port")
  [ "$(id -u)" -eq 0 ] && run_as=(--user=root)
  # shellcheck disable=SC2046
  "$MARIADBD" --no-defaults "${run_as[@]}" --datadir="$d/data" --tmpdir="$d/tmp" --bind-address=127.0.0.1 \
    --port="$port" --socket="$d/mysql.sock" --pid-file="$d/mariadb.pid" --log-error="$d/error.log" \
    --server-id="$server_id" --log-bin="$d/binlog/mysql-bin" --relay-log="$d/relay/relay-bin" \
    $(sandbox_settings) </dev/null >>"$d/error.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$d/pid"
  register_pid "$pid" "mariadbd-$name"
  for ((i = 0; i < 600; i++)); do
    sql "$name" -e "SELECT 1" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! sql "$name" -e "SELECT 1" >/dev/null 2>&1; then
    log "MariaDB sandbox $name did not start:"; tail -20 "$d/error.log" >&2
    return 1
  fi
  sql "$name" -e "SET sql_log_bin = 0;
    CREATE USER IF NOT EXISTS 'bench'@'127.0.0.1' IDENTIFIED BY '$BENCH_PASSWORD';
    GRANT ALL PRIVILEGES ON *.* TO 'bench'@'127.0.0.1' WITH GRANT OPTION;" || return 1
  echo "$name" >>"$work/phase-sandboxes"
}

sb_stop() {
  local name=$1 d pid i
  d=$(sbdir "$name")
  pid=$(cat "$d/pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  sql "$name" -e "SHUTDOWN" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 3000; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "sandbox $name did not shut down in 300 s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
}
sb_remove() { sb_stop "$1"; rm -rf "$(sbdir "$1")"; }

# sb_clone FROM FROM_SERVER_ID TO...: cold copy of FROM's datadir (FROM is shut down for the copy and
# restarted); binlogs are not copied (they live outside the datadir), so each copy starts without one
sb_clone() {
  local from=$1 from_sid=$2 to; shift 2
  sb_stop "$from"
  for to in "$@"; do
    mkdir -p "$(sbdir "$to")"
    cp -a "$(sbdir "$from")/data" "$(sbdir "$to")/data" || return 1
    rm -f "$(sbdir "$to")/data/"{master.info,relay-log.info,multi-master.info,mariadb.pid}
  done
  sb_start "$from" "$from_sid"
}

gtid_pos() { sqlv "$1" "SELECT @@gtid_binlog_pos"; }

# ---------------------------------------------------------------- data
sysbench_args() { # sysbench_args SANDBOX
  echo "--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$(sbport "$1") --mysql-user=bench" \
       "--mysql-password=$BENCH_PASSWORD --mysql-db=sbtest --tables=$BENCH_TABLES --table-size=$BENCH_TABLE_SIZE"
}
prepare_sysbench() { # prepare_sysbench SANDBOX
  local name=$1 t0
  sql "$name" -e "CREATE DATABASE IF NOT EXISTS sbtest" || return 1
  log "sysbench prepare: $BENCH_TABLES tables x $BENCH_TABLE_SIZE rows on $name"
  t0=$(now)
  # shellcheck disable=SC2046
  sysbench oltp_read_write $(sysbench_args "$name") --threads=2 prepare >"$work/sysbench-prepare-$name.log" 2>&1 \
    || { tail -20 "$work/sysbench-prepare-$name.log" >&2; return 1; }
  sql "$name" -e "ANALYZE TABLE $(tables_of "$name" sbtest | sed 's/^/sbtest./' | paste -sd,)" >/dev/null
  log "  prepared in $(calc "$(now) - $t0") s"
}
tables_of() { sqlv "$1" "SELECT table_name FROM information_schema.tables WHERE table_schema = '$2' AND table_type = 'BASE TABLE' ORDER BY table_name"; }

# run_sysbench_write SANDBOX SECONDS [extra args...] -> prints the sysbench log path; sets SB_TPS
run_sysbench_write() {
  local name=$1 secs=$2; shift 2
  local out="$work/sysbench-write-$name-$RANDOM.log"
  # shellcheck disable=SC2046
  sysbench oltp_write_only $(sysbench_args "$name") --threads="$BENCH_SYSBENCH_THREADS" --time="$secs" \
    --mysql-ignore-errors=1213,1205,1020 --report-interval=0 "$@" run >"$out" 2>&1
  local rc=$?
  SB_TPS=$(sed -n 's/^ *transactions: *[0-9]* *(\([0-9.]*\) per sec.*/\1/p' "$out" | head -1)
  SB_TXNS=$(sed -n 's/^ *transactions: *\([0-9]*\) .*/\1/p' "$out" | head -1)
  SB_LOG=$out
  [ $rc -eq 0 ] && is_num "$SB_TPS"
}

rows_changed_counter() { # rows written, updated and deleted by the server so far (not temporary tables)
  sqlv "$1" "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS
             WHERE VARIABLE_NAME IN ('HANDLER_WRITE', 'HANDLER_UPDATE', 'HANDLER_DELETE')"
}

# warm SANDBOX DB: reads every table once (CHECKSUM TABLE), so each contender starts from the same cache state
warm() { sql "$1" -N -e "CHECKSUM TABLE $(tables_of "$1" "$2" | sed "s/^/$2./" | paste -sd,)" >/dev/null; }

# ---------------------------------------------------------------- validation
# validate PHASE LABEL SOURCE TARGET DB...: row counts and CHECKSUM TABLE of every table, loudly on mismatch
validate() {
  local phase=$1 label=$2 src=$3 tgt=$4; shift 4
  local db t bad=() list sums_s sums_t cnt_s cnt_t
  for db in "$@"; do
    list=$(tables_of "$src" "$db" | sed "s/^/\`$db\`./" | paste -sd,)
    [ -n "$list" ] || continue
    sums_s=$(sql "$src" -N -B -e "CHECKSUM TABLE $list" 2>&1)
    sums_t=$(sql "$tgt" -N -B -e "CHECKSUM TABLE $list" 2>&1)
    for t in $(tables_of "$src" "$db"); do
      cnt_s=$(sqlv "$src" "SELECT COUNT(*) FROM \`$db\`.\`$t\`" 2>&1)
      cnt_t=$(sqlv "$tgt" "SELECT COUNT(*) FROM \`$db\`.\`$t\`" 2>&1)
      local cs ct
      cs=$(awk -F'\t' -v t="$db.$t" '$1 == t { print $2 }' <<<"$sums_s")
      ct=$(awk -F'\t' -v t="$db.$t" '$1 == t { print $2 }' <<<"$sums_t")
      if [ "$cnt_s" != "$cnt_t" ] || [ -z "$cs" ] || [ "$cs" != "$ct" ]; then
        bad+=("$db.$t rows $cnt_s/$cnt_t checksum ${cs:-?}/${ct:-?}")
      fi
    done
  done
  if [ ${#bad[@]} -eq 0 ]; then
    log "  validation $phase/$label: source and target match (row counts and CHECKSUM TABLE)"
    put_str "$phase.validation.$label" "ok"
    return 0
  fi
  loud "VALIDATION MISMATCH $phase/$label (source/target): ${bad[*]}"
  put_str "$phase.validation.$label" "MISMATCH: ${bad[*]}"
  return 1
}

# ---------------------------------------------------------------- Sluice
# sluice_config NAME MODE SOURCE TARGET [copy-threads] -> $work/sluice-NAME/{task,source}.yaml
sluice_config() {
  local name=$1 mode=$2 src=$3 tgt=$4 threads=${5:-$BENCH_THREADS} d="$work/sluice-$1"
  mkdir -p "$d"
  cat >"$d/source.yaml" <<YAML
source-id: bench-source
enable-gtid: true
from:
  host: 127.0.0.1
  port: $(sbport "$src")
  user: bench
  password: $BENCH_PASSWORD
YAML
  cat >"$d/task.yaml" <<YAML
name: bench-$name
task-mode: $mode
target-database:
  host: 127.0.0.1
  port: $(sbport "$tgt")
  user: bench
  password: $BENCH_PASSWORD
mysql-instances:
  - source-id: bench-source
    block-allow-list: bench
${BENCH_SYNC_WORKERS:+    syncer-thread: $BENCH_SYNC_WORKERS}
block-allow-list:
  bench:
    do-dbs: ["sbtest", "benchhb", "bigdb"]
loader:
  copy-threads: $threads
${BENCH_LOAD_METHOD:+  load-method: $BENCH_LOAD_METHOD}
YAML
}

# sluice_start NAME [JAVA_OPTS]: runs the task in the background; sets SLUICE_PID; samples VmHWM
sluice_start() {
  local name=$1 opts=${2:-} d="$work/sluice-$1"
  local run=$((++SLUICE_RUNS))
  SLUICE_GC_LOG="$d/gc-$run.log"
  SLUICE_HWM="$d/vmhwm-$run"
  SLUICE_LOG="$d/run-$run.log"
  SLUICE_CPU="$d/cpu-$run"
  SLUICE_JAVA_OPTS="$BENCH_SLUICE_JAVA_OPTS $opts -Xlog:gc,gc+heap+exit,gc+exit:file=$SLUICE_GC_LOG" \
    "$SLUICE" run "$d/task.yaml" --source "$d/source.yaml" --data-dir "$d/data" --progress-seconds 5 \
    </dev/null >"$SLUICE_LOG" 2>&1 &
  SLUICE_PID=$!
  register_pid "$SLUICE_PID" "sluice-$name"
  (
    pid=$SLUICE_PID
    while kill -0 "$pid" 2>/dev/null; do
      while read -r k v _; do [ "$k" = "VmHWM:" ] && printf '%s\n' "$v" >"$SLUICE_HWM.tmp" && mv -f "$SLUICE_HWM.tmp" "$SLUICE_HWM"; done \
        <"/proc/$pid/status" 2>/dev/null
      c=$(proc_cpu "$pid"); [ -n "$c" ] && printf '%s\n' "$c" >"$SLUICE_CPU.tmp" && mv -f "$SLUICE_CPU.tmp" "$SLUICE_CPU"
      sleep 0.25
    done
  ) &
  SLUICE_SAMPLER=$!
}
sluice_stop() {
  local c; c=$(proc_cpu "$SLUICE_PID"); [ -n "$c" ] && printf '%s\n' "$c" >"$SLUICE_CPU"
  stop_pid "$SLUICE_PID" 60; wait "$SLUICE_PID" 2>/dev/null
}
# CPU seconds of the last Sluice run (sampled every 0.25 s, and just before a stop; at exit it may miss the last 0.25 s)
sluice_cpu_s() { cat "$SLUICE_CPU" 2>/dev/null || echo null; }
sluice_peak_rss_mb() { local kb; kb=$(cat "$SLUICE_HWM" 2>/dev/null || true); is_num "$kb" && calc "$kb / 1024" || echo null; }
sluice_peak_heap_mb() { python3 "$BENCH/lib/benchutil.py" gc-peak "$SLUICE_GC_LOG" 2>/dev/null || echo null; }
sluice_error() { grep -E 'error|Exception|SLUICE-' "$SLUICE_LOG" | tail -3 | tr '\n' ' ' | cut -c1-400; }

# wait_checkpoint TARGET GTID TIMEOUT_S: until the Sluice checkpoint on TARGET covers GTID (stage SYNC)
# prints JSON from benchutil (done_at, first_advance_at); fails on timeout or if Sluice exits
wait_checkpoint() {
  python3 "$BENCH/lib/benchutil.py" wait-checkpoint --socket "$(sbdir "$1")/mysql.sock" --gtid "$2" \
    --timeout "$3" --pid "$SLUICE_PID"
}
