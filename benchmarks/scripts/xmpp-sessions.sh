#!/usr/bin/env bash
# XMPP sessions held through ONE edge process, and that process's heap per session.
#
# The sandbox caps open files at 20,000 per process (hard limit), so the parts run in separate
# processes and only the edge holds one socket per session (traversal is multiplexed over
# 2 links per connector):
#   edge          packaged `mra-edge edge`            1 fd per session + ~100
#   connectors    CONNECTORS x `mra-edge connector`   1 upstream fd per session each share
#   IM&P          CONNECTORS x stand-in (XmppSessionsParts imp), one per connector
#   clients       LOADERS x load generator (XmppSessionsParts load), sources 127.(10+i).x.y
# An edge process can thus hold at most ~19,800 client sessions here (20,000 minus its own
# listeners, links, epoll, jars and log files).
#
# Heap: `jcmd PID GC.run` (twice) then `jcmd PID GC.heap_info` on the edge, before the load and
# with every session held; the difference divided by the sessions held is the edge's heap per
# session (edge only: clients, connectors and IM&P are other processes).
#
# Usage (from the repository root, after `mvn -o install -DskipTests`, which builds
# distribution/target/mra-edge and benchmarks/target/classes):
#   benchmarks/scripts/xmpp-sessions.sh [SESSIONS]          default 19000
# Environment: LOADERS (2), CONNECTORS (2), CONCURRENCY per loader (100), MAX_SECONDS (600,
# every part exits by itself after it), EDGE_HEAP (-Xmx2g), BASE_PORT (25000: edge XMPP
# BASE+222, traversal BASE+2001, admin BASE+4190, stand-ins BASE+300+K).
# Every process is started here and stopped by its PID (SIGTERM, then SIGKILL) on any exit.
set -euo pipefail

SESSIONS=${1:-19000}
LOADERS=${LOADERS:-2}
CONNECTORS=${CONNECTORS:-2}
CONCURRENCY=${CONCURRENCY:-100}
MAX_SECONDS=${MAX_SECONDS:-600}
EDGE_HEAP=${EDGE_HEAP:--Xmx2g}
BASE_PORT=${BASE_PORT:-25000}
XMPP_PORT=$((BASE_PORT + 222))
TRAVERSAL_PORT=$((BASE_PORT + 2001))
ADMIN_PORT=$((BASE_PORT + 4190))
IMP_BASE=$((BASE_PORT + 300))

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIST=$ROOT/distribution/target/mra-edge
CLASSES=$ROOT/benchmarks/target/classes
[[ -x $DIST/bin/mra-edge ]] || { echo "no $DIST/bin/mra-edge: run mvn -o install -DskipTests first" >&2; exit 1; }
[[ -f $CLASSES/io/mraedge/xmpp/XmppSessionsParts.class ]] || { echo "no benchmark classes in $CLASSES" >&2; exit 1; }
CP="$CLASSES:$DIST/lib/*"
JAVA_PARTS=(java -XX:+UseG1GC -Xmx1g -Dio.netty.tryReflectionSetAccessible=true
    --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    "-Dlogback.configurationFile=$DIST/conf/logback.xml" -cp "$CP" io.mraedge.xmpp.XmppSessionsParts)

WORK=$(mktemp -d /tmp/xmpp-sessions.XXXXXX)
PIDS=()
stop_all() {
    local pid i
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for i in $(seq 1 100); do
        local alive=0
        for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        ((SECONDS < deadline)) || { echo "timed out after ${seconds}s waiting for $what" >&2; exit 1; }
        sleep 0.5
    done
}

heap_used_kib() { # the edge's used heap after two full GCs, in KiB
    jcmd "$1" GC.run >/dev/null
    sleep 1
    jcmd "$1" GC.run >/dev/null
    sleep 1
    jcmd "$1" GC.heap_info | awk '/garbage-first heap|heap total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); print v; exit } }'
}

echo "work dir $WORK; ulimit -n $(ulimit -n) (hard $(ulimit -Hn)); sessions $SESSIONS via $LOADERS loaders, $CONNECTORS connectors"
"${JAVA_PARTS[@]}" setup "$WORK" "$CONNECTORS" "$XMPP_PORT" "$TRAVERSAL_PORT" "$ADMIN_PORT" "$IMP_BASE" >"$WORK/setup.log" 2>&1

for k in $(seq 1 "$CONNECTORS"); do
    "${JAVA_PARTS[@]}" imp "$WORK" $((IMP_BASE + k)) "$MAX_SECONDS" >"$WORK/imp-$k.log" 2>&1 &
    PIDS+=($!)
done
MRA_EDGE_JAVA_OPTS="$EDGE_HEAP" "$DIST/bin/mra-edge" edge --config "$WORK/edge.yaml" >"$WORK/edge.log" 2>&1 &
EDGE_PID=$!
PIDS+=("$EDGE_PID")
wait_for 60 "the edge's admin" curl -sf -o /dev/null "http://127.0.0.1:$ADMIN_PORT/status"
for k in $(seq 1 "$CONNECTORS"); do
    MRA_EDGE_JAVA_OPTS="-Xmx1g" "$DIST/bin/mra-edge" connector --config "$WORK/connector-$k.yaml" >"$WORK/connector-$k.log" 2>&1 &
    PIDS+=($!)
done
connectors_up() { [[ $(curl -sf "http://127.0.0.1:$ADMIN_PORT/status" | grep -o '"state" *: *"UP"' | wc -l) -ge $CONNECTORS ]]; }
wait_for 90 "$CONNECTORS connectors UP at the edge" connectors_up
for k in $(seq 1 "$CONNECTORS"); do
    wait_for 30 "stand-in IM&P $k" grep -q "imp: listening" "$WORK/imp-$k.log"
done
sleep 3

FDS_BEFORE=$(ls "/proc/$EDGE_PID/fd" | wc -l)
HEAP_BEFORE=$(heap_used_kib "$EDGE_PID")
echo "edge PID $EDGE_PID before load: $FDS_BEFORE fds, heap used after GC ${HEAP_BEFORE} KiB"

per_loader=$((SESSIONS / LOADERS))
LOAD_PIDS=()
START=$SECONDS
for i in $(seq 1 "$LOADERS"); do
    n=$per_loader
    ((i == LOADERS)) && n=$((SESSIONS - per_loader * (LOADERS - 1)))
    "${JAVA_PARTS[@]}" load "127.0.0.1:$XMPP_PORT" "$n" "$CONCURRENCY" $((9 + i)) "$MAX_SECONDS" >"$WORK/load-$i.log" 2>&1 &
    LOAD_PIDS+=($!)
    PIDS+=($!)
done
all_reported() { local i; for i in $(seq 1 "$LOADERS"); do grep -q '^HELD' "$WORK/load-$i.log" || return 1; done; }
wait_for "$MAX_SECONDS" "every loader's HELD line" all_reported
ELAPSED=$((SECONDS - START))
sleep 3

HELD=0; FAILED=0
for i in $(seq 1 "$LOADERS"); do
    read -r _ h _ f _ < <(grep '^HELD' "$WORK/load-$i.log")
    HELD=$((HELD + h)); FAILED=$((FAILED + f))
done
FDS_AFTER=$(ls "/proc/$EDGE_PID/fd" | wc -l)
EDGE_TCP=$(ss -Htn state established "( sport = :$XMPP_PORT )" | wc -l)
HEAP_AFTER=$(heap_used_kib "$EDGE_PID")
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$EDGE_PID/status")
FLOWS=$(curl -sf "http://127.0.0.1:$ADMIN_PORT/metrics" | grep -E '^[a-z_]*(active_flows|flows_active)[a-z_]*\{[^}]*xmpp-client' | head -3 || true)
echo "sessions held through the edge: $HELD (failed $FAILED) in ${ELAPSED}s; established on :$XMPP_PORT: $EDGE_TCP"
echo "edge fds: $FDS_BEFORE before, $FDS_AFTER with the sessions (limit $(ulimit -n) per process)"
[[ -n $FLOWS ]] && echo "edge metrics: $FLOWS"
awk -v b="$HEAP_BEFORE" -v a="$HEAP_AFTER" -v n="$HELD" -v r="$RSS" 'BEGIN {
    per = (n > 0) ? (a - b) / n : 0
    printf "edge heap used after GC: %.1f MiB before, %.1f MiB with the sessions: %.2f KiB per session (edge process only); edge RSS %.0f MiB\n", b / 1024, a / 1024, per, r / 1024 }'
grep -h "LEAK:" "$WORK"/*.log && echo "LEAK lines found" >&2 || true
echo "logs in $WORK"
