# Shared by bin/* scripts: finds a JDK >= 21 and exports JAVA_HOME. Sourced, not executed.

sluice_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Prints the path of the newest JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm), or nothing.
sluice_find_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(sluice_java_major "$candidate")
    major=${major%%.*}
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  printf '%s' "$best"
}

sluice_use_jdk() {
  local jdk
  jdk=$(sluice_find_jdk)
  if [ -z "$jdk" ]; then
    echo "sluice: no JDK >= 21 found (JAVA_HOME or /usr/lib/jvm/*). Install one, for example" >&2
    echo "        'apt-get install -y openjdk-21-jdk-headless', or set JAVA_HOME to a JDK 21+." >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 24+ warns about Maven's use of sun.misc.Unsafe; the flag does not exist before 23
  local major
  major=$(sluice_java_major "$jdk"); major=${major%%.*}
  if [ "$major" -ge 24 ]; then
    export MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
  fi
}

# JVM options of every Sluice process started from bin/ (and of the benchmark's copy of the launch
# line); SLUICE_JAVA_OPTS follows them, and SLUICE_JVM_DEFAULTS= (empty) drops them. C1 only and the
# serial collector: on the small machines Sluice shares with MariaDB, C2's compilations and G1's
# concurrent threads cost more CPU than the work itself (docs/benchmarks.md, "JVM options").
sluice_jvm_defaults() {
  printf '%s' "${SLUICE_JVM_DEFAULTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
}
