package io.mraedge.media.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's rtpengine 10.5 ({@code apt-get install --no-install-recommends rtpengine-daemon}),
 * userspace forwarding only ({@code --table=-1}: no kernel module), started in the foreground
 * and driven over its ng control protocol: per session an {@code offer} with side A's SDP and an
 * {@code answer} with side B's; the rewritten SDPs say where each side sends. {@code delete} at
 * the end. No config file is read ({@code --config-file=none}).
 */
final class RtpengineTarget implements MediaTarget {
    private static final String MEDIA_IP = "127.0.0.4";
    private final Path dir;
    private final String cpus;
    private final int threads;
    private Process process;
    private RtpengineNgClient ng;
    private final List<String> callIds = new ArrayList<>();
    private int batch;

    RtpengineTarget(Path dir, String cpus, int threads) {
        this.dir = dir;
        this.cpus = cpus;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "rtpengine";
    }

    @Override
    public void start() throws Exception {
        int ngPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(MEDIA_IP, 0))) {
            ngPort = probe.getLocalPort(); // a free UDP port for the control socket
        }
        InetSocketAddress ngAddress = new InetSocketAddress(MEDIA_IP, ngPort);
        process = ChildProcess.start(List.of("rtpengine", "--config-file=none", "--table=-1",
                "--interface=" + MEDIA_IP, "--listen-ng=" + MEDIA_IP + ":" + ngPort, "--port-min=40000", "--port-max=59999",
                "--num-threads=" + threads, "--delete-delay=0", "--timeout=60", "--foreground", "--log-stderr",
                "--log-level=4"), cpus, dir.resolve("rtpengine.log"));
        ng = new RtpengineNgClient(ngAddress);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                ng.call(Map.of("command", "ping"));
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("rtpengine did not answer ping; see " + dir.resolve("rtpengine.log"), e);
                }
            }
        }
    }

    @Override
    public List<String> ips() {
        return List.of(MEDIA_IP);
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    @Override
    public List<Wiring> open(List<InetSocketAddress> a, List<InetSocketAddress> b) throws IOException {
        batch++;
        List<Wiring> wirings = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String callId = "load-" + batch + "-" + i;
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("command", "offer");
            offer.put("call-id", callId);
            offer.put("from-tag", "a" + i);
            offer.put("sdp", sdp(a.get(i), i));
            offer.put("replace", List.of("origin", "session-connection"));
            offer.put("ICE", "remove");
            // The offer's rewritten SDP goes to B: it names where B sends.
            InetSocketAddress bSendsTo = mediaAddress((String) ng.call(offer).get("sdp"));
            callIds.add(callId);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("command", "answer");
            answer.put("call-id", callId);
            answer.put("from-tag", "a" + i);
            answer.put("to-tag", "b" + i);
            answer.put("sdp", sdp(b.get(i), i));
            answer.put("replace", List.of("origin", "session-connection"));
            answer.put("ICE", "remove");
            InetSocketAddress aSendsTo = mediaAddress((String) ng.call(answer).get("sdp"));
            wirings.add(new Wiring(aSendsTo, bSendsTo, null));
        }
        return wirings;
    }

    @Override
    public void closeSessions() throws IOException {
        for (String callId : callIds) {
            ng.call(Map.of("command", "delete", "call-id", callId));
        }
        callIds.clear();
    }

    @Override
    public void close() {
        try {
            if (ng != null) {
                ng.close();
            }
        } catch (IOException ignored) {
            // closing a UDP socket
        }
        ChildProcess.stop(process);
    }

    /** One PCMU audio stream from {@code at}, 20 ms packets. */
    private static String sdp(InetSocketAddress at, int id) {
        String ip = at.getAddress().getHostAddress();
        return "v=0\r\no=- " + (1000 + id) + " 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n"
                + "m=audio " + at.getPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n";
    }

    /** The c= address and the audio m= port of an SDP rtpengine rewrote. */
    static InetSocketAddress mediaAddress(String sdp) throws IOException {
        String ip = null;
        int port = -1;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("c=IN IP4 ")) {
                ip = line.substring(9).trim();
            } else if (line.startsWith("m=audio ")) {
                port = Integer.parseInt(line.split(" ")[1]);
            }
        }
        if (ip == null || port <= 0) {
            throw new IOException("no c=/m=audio in rtpengine's SDP:\n" + sdp);
        }
        return new InetSocketAddress(ip, port);
    }
}
