package io.mraedge.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder between a connector and an edge that a test can break the way real
 * networks break: {@link #blackhole()} silently stops forwarding on the connections it has (no
 * FIN, no RST — a dead path), while new connections are forwarded normally. Blocking threads,
 * one pair per connection; tests make only a few.
 */
public final class CuttableTcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public CuttableTcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections forwarded so far. */
    public int connections() {
        return pipes.size() / 2;
    }

    /** Existing connections stop forwarding in both directions; their sockets stay open. */
    public void blackhole() {
        pipes.forEach(p -> p.dropping = true);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                start(new Pipe(in, out));
                start(new Pipe(out, in));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void start(Pipe pipe) {
        pipes.add(pipe);
        Thread t = new Thread(pipe, "proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Pipe p : pipes) {
            p.from.close();
            p.to.close();
        }
    }

    private static final class Pipe implements Runnable {
        final Socket from;
        final Socket to;
        volatile boolean dropping;

        Pipe(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!dropping) {
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the other pipe closed the pair
            } finally {
                if (!dropping) {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException ignored) {
                        // nothing left to do
                    }
                }
            }
        }
    }
}
