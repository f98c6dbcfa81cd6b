package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end UDP media load: the same sessions, at the same packet rate, through each target in
 * turn — {@code echo} (the baseline: one Java socket reflecting packets), {@code rtpengine}
 * (userspace), {@code mra-edge} (mra's edge relay alone, the driver playing the connector) and
 * {@code mra} (edge + connector, two processes, two hops) — stepping the number of sessions.
 * Each session is one audio call: 50 packets/s of 172 bytes each way (G.711, 20 ms). Per target
 * and step it reports packets forwarded per second, loss per direction, latency percentiles,
 * the target's CPU time (utime+stime of its processes from /proc), packets per CPU-second and
 * the ratios against rtpengine and echo at the same step, and finally the largest step each
 * target carried with no loss and p99 under the limit. {@code --mode=max} instead offers an
 * unbounded open-loop rate over a few sessions. {@code self} (no forwarder: the driver talks
 * to itself) measures the driver's own ceiling.
 *
 * <p>Traffic stays on 127.0.0.0/8. Targets run pinned to {@code --target-cpus} (default 1); run
 * the driver itself pinned elsewhere ({@code taskset -c 0}), as benchmarks/scripts/media-load.sh
 * does. Options ({@code --name=value}): targets, steps, mode (calls|max), rate, seconds,
 * warmup, max-warmup, drain, shared-sockets, burst, target-cpus, latch, p99-limit-ms,
 * retries (a failed step is run again this many times), failures-to-stop, keep-going, fd-limit, heap, max-seconds, work-dir.
 */
public final class UdpLoadDriver {
    private UdpLoadDriver() {
    }

    /** One measured step of one target, with the CPU the caller sampled around the measured phase. */
    record Row(String target, LoadGenerator.TrafficResult t, double targetCpuSeconds, double edgeCpuSeconds,
            double driverCpuSeconds, double coreBusyPercent, long driverSocketDrops, long rcvbufErrors, String targetSocketDrops,
            int targetFds,
            int targetBaseFds, int acked, double setupSeconds) {
        double forwardedPps() {
            return t.receivedTotal() / t.seconds();
        }

        double ppsPerCpuSecond() {
            return targetCpuSeconds > 0 ? t.receivedTotal() / targetCpuSeconds : Double.NaN;
        }

        /**
         * Whether the driver, not the target, fell short: it skipped sends, its own sockets
         * dropped packets, or its pacing fell more than 20 ms behind at some tick.
         */
        boolean driverLimited(int rate) {
            double lagSeconds = rate > 0 ? t.maxLagSlots() / ((double) rate * t.sessions()) : 0;
            return t.skipped() > 0 || driverSocketDrops > 0 || lagSeconds > 0.020;
        }

        boolean passes(double p99LimitMillis) {
            return t.receivedTotal() > 0 && t.sentTotal() == t.receivedTotal() && t.flowingAtStart() == t.sessions()
                    && t.skipped() == 0
                    && t.latency().percentileMicros(0.99) < p99LimitMillis * 1000;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        boolean maxMode = o.getOrDefault("mode", "calls").equals("max");
        List<String> targetNames = List.of(o.getOrDefault("targets", maxMode ? "self,echo,rtpengine,mra-edge,mra"
                : "echo,rtpengine,mra-edge,mra").split(","));
        List<Integer> steps = new ArrayList<>();
        for (String s : o.getOrDefault("steps", maxMode ? "500"
                : "250,500,750,1000,1250,1500,1750,2000,2500,3000,4000").split(",")) {
            steps.add(Integer.parseInt(s));
        }
        int rate = maxMode ? 0 : Integer.parseInt(o.getOrDefault("rate", "50"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", maxMode ? "5" : "10"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "2"));
        int maxWarmup = Integer.parseInt(o.getOrDefault("max-warmup", "15"));
        int drain = Integer.parseInt(o.getOrDefault("drain", "1"));
        int shared = Integer.parseInt(o.getOrDefault("shared-sockets", "4"));
        int burst = Integer.parseInt(o.getOrDefault("burst", maxMode ? "256" : "0"));
        String cpus = o.getOrDefault("target-cpus", "1");
        String latch = o.getOrDefault("latch", "signalled-ip");
        double p99Limit = Double.parseDouble(o.getOrDefault("p99-limit-ms", "20"));
        int failuresToStop = Integer.parseInt(o.getOrDefault("failures-to-stop", "1"));
        int retries = Integer.parseInt(o.getOrDefault("retries", "1"));
        List<String> keepGoing = List.of(o.getOrDefault("keep-going", "echo,self").split(","));
        int fdLimit = Integer.parseInt(o.getOrDefault("fd-limit", "19500"));
        int maxSeconds = Integer.parseInt(o.getOrDefault("max-seconds", "2400"));
        String heap = o.getOrDefault("heap", "-Xmx1g");
        Path dir = Files.createDirectories(Path.of(o.getOrDefault("work-dir",
                Files.createTempDirectory("media-load").toString())));
        int cores = cpus.isEmpty() ? Runtime.getRuntime().availableProcessors() : cpus.split(",").length;
        String coreName = cpus.matches("\\d+") ? "cpu" + cpus : "cpu";

        System.out.printf(Locale.ROOT, "media load: mode %s, targets %s, steps %s, %s, %d s measured (warm-up %d-%d s, drain %d s), "
                + "%d shared driver sockets per side, targets pinned to CPU %s, driver pid %d, logs in %s%n",
                maxMode ? "max (open loop)" : "calls", targetNames, steps,
                maxMode ? "unbounded rate, " + burst + " slots per 1 ms tick" : rate + " packets/s per session per direction",
                seconds, warmup, maxWarmup, drain, shared, cpus.isEmpty() ? "(none)" : cpus, ProcessHandle.current().pid(), dir);

        Map<String, MediaTarget> targets = new LinkedHashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        Map<String, Integer> best = new LinkedHashMap<>();
        Map<String, Integer> inconclusive = new HashMap<>();
        Map<String, Integer> baseFds = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        // SIGTERM (the script's trap) skips the finally below: stop the targets' processes here too.
        Thread stopper = new Thread(() -> targets.values().forEach(MediaTarget::close), "stop-targets");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (LoadGenerator gen = new LoadGenerator(shared)) {
            for (String name : targetNames) {
                MediaTarget t = switch (name) {
                    case "echo" -> new EchoTarget(dir, cpus, maxSeconds);
                    case "self" -> new SelfTarget();
                    case "rtpengine" -> new RtpengineTarget(dir, cpus, Math.max(2, cores * 2));
                    case "mra" -> new MraTarget(dir, cpus, false, latch, maxSeconds, heap);
                    case "mra-edge" -> new MraTarget(dir, cpus, true, latch, maxSeconds, heap);
                    default -> throw new IllegalArgumentException("unknown target " + name);
                };
                targets.put(name, t);
                t.start();
                int fds = 0;
                for (long pid : t.pids()) {
                    fds = Math.max(fds, ProcessCpu.openFds(pid));
                }
                baseFds.put(name, fds);
                best.put(name, 0);
            }
            Thread.sleep(1000);
            for (int n : steps) {
                boolean anyStepping = targets.keySet().stream()
                        .anyMatch(name -> !keepGoing.contains(name) && failures.getOrDefault(name, 0) < failuresToStop);
                if (!anyStepping && targets.keySet().stream().anyMatch(name -> !keepGoing.contains(name))) {
                    break; // only the baselines would still run
                }
                List<Row> stepRows = new ArrayList<>();
                for (MediaTarget target : targets.values()) {
                    String name = target.name();
                    if (failures.getOrDefault(name, 0) >= failuresToStop && !keepGoing.contains(name)) {
                        continue;
                    }
                    int fds = fdEstimate(name, n, shared);
                    if (fds > fdLimit) {
                        System.out.printf("%-9s %6d sessions: skipped, needs about %d fds in one process (limit %d)%n",
                                name, n, fds, fdLimit);
                        continue;
                    }
                    // A failed step is run once more (--retries): on these shared cores a moment of
                    // someone else's load can cost a step its p99; both attempts are printed, the
                    // table keeps the last one.
                    Row row = null;
                    boolean ok = false;
                    boolean driverLimited = false;
                    for (int attempt = 1; attempt <= 1 + retries && !ok; attempt++) {
                        try {
                            row = step(gen, target, n, rate, burst, warmup, maxWarmup, seconds, drain, coreName,
                                    baseFds.get(name));
                        } catch (Exception e) {
                            System.out.printf("%-9s %6d sessions: ERROR %s; no more steps for it%n", name, n, e);
                            try {
                                target.closeSessions();
                            } catch (Exception ignored) {
                                // the target is out of the run anyway
                            }
                            row = null;
                            break;
                        }
                        ok = row.passes(p99Limit);
                        driverLimited = row.driverLimited(rate);
                        System.out.println(detail(row, (ok ? "PASS" : driverLimited ? "FAIL (driver-limited: inconclusive)"
                                : "FAIL") + (attempt > 1 ? " (attempt " + attempt + ")" : "")) + ", load average " + loadAverage());
                        if (maxMode) {
                            break;
                        }
                    }
                    if (row == null) {
                        failures.put(name, Integer.MAX_VALUE / 2);
                        continue;
                    }
                    stepRows.add(row);
                    rows.add(row);
                    if (ok && !maxMode) {
                        best.merge(name, n, Math::max);
                    } else if (!ok) {
                        failures.merge(name, 1, Integer::sum);
                        if (driverLimited) {
                            inconclusive.put(name, n);
                        }
                    }
                }
                printTable("sessions " + n, stepRows);
            }
        } finally {
            for (MediaTarget t : targets.values()) {
                t.close();
            }
        }
        System.out.println();
        printTable("all steps", rows);
        if (!maxMode) {
            System.out.printf(Locale.ROOT, "%nlargest step with 0 loss and p99 < %.0f ms (steps %s, %d s each):%n", p99Limit, steps, seconds);
            best.forEach((name, n) -> System.out.printf("  %-10s %s%s%n", name, n == 0 ? "none" : n + " calls",
                    inconclusive.containsKey(name) ? " (the next step, " + inconclusive.get(name)
                            + ", failed while the driver was limited: the true figure may be higher)" : ""));
        }
    }

    private static Row step(LoadGenerator gen, MediaTarget target, int n, int rate, int burst, int warmup, int maxWarmup,
            int seconds, int drain, String coreName, int baseFds) throws Exception {
        List<List<InetSocketAddress>> addrs = gen.bind(n, target.perSessionB());
        long t0 = System.nanoTime();
        List<MediaTarget.Wiring> wirings = target.open(addrs.get(0), addrs.get(1));
        int acked = gen.probe(wirings, 15_000);
        if (acked < n) {
            System.out.println("  " + target.name() + ": " + (n - acked) + " sessions not acked after 15 s, e.g. " + gen.notFlowing(12));
        }
        double setup = (System.nanoTime() - t0) / 1e9;
        long self = ProcessHandle.current().pid();
        long edgePid = target instanceof MraTarget m ? m.edgePid() : -1;
        long[] before = new long[7 + target.ips().size()];
        long[] after = new long[before.length];
        int maxBurst = burst > 0 ? burst : Math.max(64, rate * n / 250); // 4 ticks' worth
        LoadGenerator.TrafficResult r = gen.run(wirings, rate, maxBurst, warmup * 1000L, maxWarmup * 1000L,
                seconds * 1000L, drain * 1000L,
                () -> sample(before, target, edgePid, self, coreName), () -> sample(after, target, edgePid, self, coreName));
        StringBuilder drops = new StringBuilder();
        for (int i = 0; i < target.ips().size(); i++) {
            drops.append(drops.length() == 0 ? "" : " ").append(target.ips().get(i)).append('=').append(after[7 + i] - before[7 + i]);
        }
        int fds = 0;
        for (long pid : target.pids()) {
            fds = Math.max(fds, ProcessCpu.openFds(pid));
        }
        if (target instanceof MraTarget m) {
            System.out.println("  " + m.totals());
        }
        target.closeSessions();
        double coreBusy = after[4] - before[4];
        double coreTotal = after[5] - before[5];
        return new Row(target.name(), r, (after[0] - before[0]) / 1e9, edgePid < 0 ? Double.NaN : (after[1] - before[1]) / 1e9,
                (after[2] - before[2]) / 1e9, coreTotal > 0 ? 100 * coreBusy / coreTotal : Double.NaN,
                after[3] - before[3], after[6] - before[6], drops.toString(), fds, baseFds, acked, setup);
    }

    /** {target cpu, edge cpu, driver cpu, driver socket drops, core busy, core total, machine UDP RcvbufErrors}. */
    private static void sample(long[] into, MediaTarget target, long edgePid, long self, String coreName) {
        into[0] = ProcessCpu.cpuNanos(target.pids());
        into[1] = edgePid < 0 ? 0 : ProcessCpu.cpuNanos(edgePid);
        into[2] = ProcessCpu.cpuNanos(self);
        into[3] = ProcessCpu.socketDrops(LoadGenerator.A_IP) + ProcessCpu.socketDrops(LoadGenerator.B_IP);
        long[] core = ProcessCpu.machineNanos(coreName);
        into[4] = core[0];
        into[5] = core[2];
        into[6] = ProcessCpu.udpCounter("RcvbufErrors");
        for (int i = 0; i < target.ips().size(); i++) {
            into[7 + i] = ProcessCpu.socketDrops(target.ips().get(i));
        }
    }

    /** The largest per-process fd count a step needs: the driver's or the target's busiest process. */
    private static int fdEstimate(String target, int n, int shared) {
        int driver = 2 * shared + (target.equals("mra-edge") ? n : 0) + 100;
        int t = switch (target) {
            case "rtpengine" -> 4 * n + 100;      // RTP + RTCP socket per side
            case "mra", "mra-edge" -> 3 * n + 200; // edge: outside catch-all + latched leg + inside leg
            default -> 100;
        };
        return Math.max(driver, t);
    }

    private static String detail(Row r, String verdict) {
        LoadGenerator.TrafficResult t = r.t();
        return String.format(Locale.ROOT, "%-9s %6d sessions: %s sent %d recv %d (A->B loss %.4f%%, B->A %.4f%%), "
                + "%d sessions lost packets, flowing at start %d/%d (warm-up %d ms), probes acked %d, setup %.1f s, "
                + "driver lag max %d slots, skipped (driver not writable) %d, unknown %d, driver socket drops %d, machine UDP RcvbufErrors %d, target socket drops by address [%s], target fds %d (%.2f per session over its idle %d), p99 A->B %.2f ms B->A %.2f ms, "
                + "max %.2f ms",
                r.target(), t.sessions(), verdict, t.sentTotal(), t.receivedTotal(), t.lossPercent(0),
                t.lossPercent(1), t.sessionsWithLoss(), t.flowingAtStart(), t.sessions(), t.warmupMillis(), r.acked(),
                r.setupSeconds(), t.maxLagSlots(), t.skipped(), t.unknown(), r.driverSocketDrops(), r.rcvbufErrors(), r.targetSocketDrops(), r.targetFds(),
                (r.targetFds() - r.targetBaseFds()) / (double) t.sessions(), r.targetBaseFds(),
                t.latencyAtoB().percentileMicros(0.99) / 1000, t.latencyBtoA().percentileMicros(0.99) / 1000,
                t.latency().maxMicros() / 1000);
    }

    private static void printTable(String title, List<Row> rows) {
        System.out.println("== " + title);
        System.out.printf("%-9s %8s %10s %8s %8s %8s %8s %7s %6s %10s %7s %7s %7s %6s %8s%n", "target", "sessions", "fwd pps",
                "loss %", "p50 ms", "p99 ms", "p99.9 ms", "CPU s", "core%", "pps/CPU-s", "vs rtpe", "vs echo",
                "edgeCPU", "drvCPU", "drv drop");
        for (Row r : rows) {
            Row rtpe = find(rows, "rtpengine", r.t().sessions());
            Row echo = find(rows, "echo", r.t().sessions());
            LatencyHistogram h = r.t().latency();
            System.out.printf(Locale.ROOT, "%-9s %8d %10.0f %8.4f %8.3f %8.3f %8.3f %7.2f %6.1f %10.0f %7s %7s %7s %6.2f %8d%n",
                    r.target(), r.t().sessions(), r.forwardedPps(), r.t().lossPercent(), h.percentileMicros(0.5) / 1000,
                    h.percentileMicros(0.99) / 1000, h.percentileMicros(0.999) / 1000, r.targetCpuSeconds(),
                    r.coreBusyPercent(), r.ppsPerCpuSecond(), ratio(r, rtpe), ratio(r, echo),
                    Double.isNaN(r.edgeCpuSeconds()) ? "-" : String.format(Locale.ROOT, "%.2f", r.edgeCpuSeconds()),
                    r.driverCpuSeconds(), r.driverSocketDrops());
        }
    }

    private static Row find(List<Row> rows, String target, int sessions) {
        for (Row r : rows) {
            if (r.target().equals(target) && r.t().sessions() == sessions) {
                return r;
            }
        }
        return null;
    }

    /** Packets per CPU-second of {@code r} over {@code base}'s, at the same step. */
    private static String ratio(Row r, Row base) {
        if (base == null || Double.isNaN(r.ppsPerCpuSecond()) || !(base.ppsPerCpuSecond() > 0)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", r.ppsPerCpuSecond() / base.ppsPerCpuSecond());
    }

    /** The machine's 1-minute load average: other work on these 2 cores skews every figure. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value: " + a);
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return o;
    }
}
