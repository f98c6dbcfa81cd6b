package io.mraedge.media.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of processes and of the machine, read from procfs. A process's
 * {@code /proc/<pid>/stat} utime+stime covers all its threads (the thread group), in clock
 * ticks of {@link #TICK_NANOS}; softirq work the kernel runs on a process's behalf is not in it
 * unless the kernel charges it to that process, so the machine-wide figures are read too.
 */
final class ProcessCpu {
    /** USER_HZ: 100 on every Linux architecture we run on. */
    static final long TICK_NANOS = 10_000_000L;

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid} in nanoseconds (tick resolution); 0 when the process is gone. */
    static long cpuNanos(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return 0;
        }
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS; // fields 14 and 15
    }

    static long cpuNanos(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += cpuNanos(pid);
        }
        return sum;
    }

    /** Open file descriptors of {@code pid}, or -1. */
    static int openFds(long pid) {
        String[] names = new java.io.File("/proc/" + pid + "/fd").list();
        return names == null ? -1 : names.length;
    }

    /**
     * One {@code /proc/stat} cpu line ({@code "cpu"} for the machine, {@code "cpu1"} for a core) as
     * {busy, softirq, total} nanoseconds, busy counting everything but idle and iowait.
     */
    static long[] machineNanos(String cpu) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals(cpu)) {
                    long total = 0;
                    for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is inside user
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    return new long[] {(total - idle) * TICK_NANOS, Long.parseLong(f[7]) * TICK_NANOS, total * TICK_NANOS};
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no " + cpu + " line in /proc/stat");
    }

    /** A counter of {@code /proc/net/snmp}'s Udp row, e.g. {@code RcvbufErrors}; -1 when absent. */
    static long udpCounter(String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length; k++) {
                        if (names[k].equals(name)) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** Sum of the per-socket {@code drops} column of {@code /proc/net/udp} over sockets bound to {@code ip} (dotted IPv4). */
    static long socketDrops(String ip) {
        String[] o = ip.split("\\.");
        String hex = String.format("%02X%02X%02X%02X", Integer.parseInt(o[3]), Integer.parseInt(o[2]),
                Integer.parseInt(o[1]), Integer.parseInt(o[0])) + ":";
        long drops = 0;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/udp"));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length > 12 && f[1].startsWith(hex)) {
                    drops += Long.parseLong(f[f.length - 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drops;
    }
}
