#!/usr/bin/env bash
# End-to-end UDP media load: mra-edge's media relay against rtpengine and a plain Java echo,
# same sessions and packet rate, same invocation (io.mraedge.media.relay.UdpLoadDriver).
#
# Targets (each in its own processes, pinned to TARGET_CPUS; CPU time = utime+stime from /proc):
#   echo       one JDK socket, one thread, every packet sent back to its sender (the baseline)
#   rtpengine  Debian rtpengine-daemon 10.5, userspace only (--table=-1), driven over ng
#              (offer/answer/delete); installed here with apt-get if missing
#   mra-edge   EdgeMediaRelay alone (one JVM); the driver plays the connector (probe + token)
#   mra        EdgeMediaRelay + ConnectorMediaRelay, two JVMs, two hops (the SDP contract's wiring)
# The driver (one epoll event loop) runs pinned to DRIVER_CPUS. Every session is one audio call:
# 50 packets/s each way of 172 bytes (RTP header + 160 bytes G.711). Steps of STEPS sessions, each
# SECONDS measured after a warm-up; a target stops stepping after its first failing step (loss > 0
# or p99 >= 20 ms). Then an open-loop maximum-rate run over MAX_SESSIONS sessions, with the
# driver against itself ("self") as its ceiling.
#
# Usage (from anywhere; builds benchmarks and its classpath with mvn -o if they are missing):
#   benchmarks/scripts/media-load.sh [extra UdpLoadDriver --name=value options]
# Environment: RUNS (2), MODE (both|calls|max), STEPS (250,500,750,...,2000,2500,3000,4000),
#   SECONDS_PER_STEP (10), MAX_SESSIONS (500), TARGETS (echo,rtpengine,mra-edge,mra),
#   DRIVER_CPUS (0), TARGET_CPUS (1), REBUILD (0: 1 forces the build), QUIET_LOAD (1.5) and
#   QUIET_WAIT (300): before each run, wait up to QUIET_WAIT s for the 1-minute load average to
#   drop below QUIET_LOAD (other work on the cores skews every figure; each step logs the load).
# Limits: 20,000 open files per process here; rtpengine needs ~4 fds per call (RTP+RTCP per
# side), the edge ~3 per call (outside catch-all, latched outside leg, inside leg), the connector
# ~3, the driver 2 x 4 shared sockets (+1 per call for mra-edge). Steps that would pass 19,500 in
# one process are skipped. Every process is started by the driver and stopped by its PID.
set -euo pipefail

RUNS=${RUNS:-2}
MODE=${MODE:-both}
STEPS=${STEPS:-250,500,750,1000,1250,1500,1750,2000,2500,3000,4000}
SECONDS_PER_STEP=${SECONDS_PER_STEP:-10}
MAX_SESSIONS=${MAX_SESSIONS:-500}
TARGETS=${TARGETS:-echo,rtpengine,mra-edge,mra}
DRIVER_CPUS=${DRIVER_CPUS:-0}
TARGET_CPUS=${TARGET_CPUS:-1}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLASSES=$ROOT/benchmarks/target/classes
CP_FILE=$ROOT/benchmarks/target/media-load.classpath
if [[ ${REBUILD:-0} == 1 || ! -f $CLASSES/io/mraedge/media/relay/UdpLoadDriver.class || ! -f $CP_FILE ]]; then
    echo "building benchmarks (mvn -o package -pl benchmarks -am)"
    (cd "$ROOT" && mvn -o -q package dependency:build-classpath -DskipTests -pl benchmarks -am \
        "-Dmdep.outputFile=$CP_FILE")
fi
if ! command -v rtpengine >/dev/null; then
    echo "installing rtpengine-daemon"
    apt-get install -y --no-install-recommends rtpengine-daemon >/dev/null
fi
CP="$CLASSES:$(cat "$CP_FILE")"

DRIVER_PID=
stop_driver() { # the driver stops its targets itself; this only covers an interrupted run
    [[ -n $DRIVER_PID ]] || return 0
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$DRIVER_PID" 2>/dev/null || return 0; sleep 0.2; done
    kill -KILL "$DRIVER_PID" 2>/dev/null || true
}
trap stop_driver EXIT
trap 'exit 130' INT TERM

drive() { # drive LOGFILE OPTIONS...
    local log=$1; shift
    taskset -c "$DRIVER_CPUS" java -XX:+UseG1GC -Xmx1g -Dio.netty.tryReflectionSetAccessible=true \
        --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
        -cp "$CP" io.mraedge.media.relay.UdpLoadDriver --target-cpus="$TARGET_CPUS" "$@" \
        > >(tee "$log") 2> >(grep -v '^SLF4J' >&2) &
    DRIVER_PID=$!
    wait "$DRIVER_PID"
    DRIVER_PID=
}

wait_quiet() { # the 1-minute load average below QUIET_LOAD, waiting at most QUIET_WAIT seconds
    local deadline=$((SECONDS + ${QUIET_WAIT:-300}))
    while awk -v l="${QUIET_LOAD:-1.5}" '{ exit !($1 >= l) }' /proc/loadavg && ((SECONDS < deadline)); do
        sleep 10
    done
    echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (waited for < ${QUIET_LOAD:-1.5}, at most ${QUIET_WAIT:-300} s)"
}

echo "$(date -u +%FT%TZ) $(nproc) cores, kernel $(uname -r), $(rtpengine --version 2>&1 | head -1), ulimit -n $(ulimit -n)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
OUT=$(mktemp -d /tmp/media-load.XXXXXX)
for run in $(seq 1 "$RUNS"); do
    if [[ $MODE == both || $MODE == calls ]]; then
        echo; echo "######## run $run: calls (${SECONDS_PER_STEP} s per step)"
        wait_quiet
        drive "$OUT/calls-$run.txt" --mode=calls --targets="$TARGETS" --steps="$STEPS" --seconds="$SECONDS_PER_STEP" \
            --work-dir="$OUT/calls-$run" "$@"
    fi
    if [[ $MODE == both || $MODE == max ]]; then
        echo; echo "######## run $run: open-loop maximum rate, $MAX_SESSIONS sessions"
        wait_quiet
        drive "$OUT/max-$run.txt" --mode=max --targets="self,$TARGETS" --steps="$MAX_SESSIONS" \
            --work-dir="$OUT/max-$run" "$@"
    fi
    echo "load average after run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "outputs and target logs in $OUT"
