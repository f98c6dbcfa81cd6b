package io.mraedge.xmpp.connector;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Resolves IM&P host names off the event loops (the JDK resolver blocks, and event loops never
 * block). IP literals need no lookup. The JDK caches answers for its configured TTL, so a busy
 * connector asks DNS rarely. Threads end when idle.
 */
final class ImpResolver {
    private static final ThreadPoolExecutor LOOKUPS = lookups();

    private ImpResolver() {
    }

    private static ThreadPoolExecutor lookups() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("xmpp-resolver", true));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The address of {@code server}, completed on {@code loop}. */
    static Future<InetSocketAddress> resolve(ImpServer server, EventExecutor loop) {
        Promise<InetSocketAddress> promise = loop.newPromise();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(server.host());
        if (literal != null) {
            try {
                return promise.setSuccess(new InetSocketAddress(InetAddress.getByAddress(literal), server.port()));
            } catch (UnknownHostException e) {
                return promise.setFailure(e);
            }
        }
        LOOKUPS.execute(() -> {
            try {
                InetAddress address = InetAddress.getByName(server.host());
                loop.execute(() -> promise.trySuccess(new InetSocketAddress(address, server.port())));
            } catch (UnknownHostException e) {
                loop.execute(() -> promise.tryFailure(e));
            }
        });
        return promise;
    }
}
