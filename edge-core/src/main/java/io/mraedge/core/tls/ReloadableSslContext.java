package io.mraedge.core.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link SslContext} that can be rebuilt from its files while the process runs (SIGHUP).
 * Listeners ask for {@link #current()} for each new connection; connections already
 * established keep the engine, and so the certificate, they were created with (each OpenSSL
 * engine holds a reference to its context), so a reload drops nobody.
 */
public final class ReloadableSslContext implements AutoCloseable {
    /** Builds a fresh context from the configured files. */
    @FunctionalInterface
    public interface Factory {
        SslContext build() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(ReloadableSslContext.class);

    private final String name;
    private final Factory factory;
    private final AtomicReference<SslContext> current;

    public ReloadableSslContext(String name, Factory factory) throws IOException {
        this.name = name;
        this.factory = factory;
        this.current = new AtomicReference<>(factory.build());
    }

    /** The context for the next connection. */
    public SslContext current() {
        return current.get();
    }

    /**
     * Rebuilds the context. On failure the old context stays in use and the error is thrown,
     * so a bad file on disk never takes a listener down.
     */
    public void reload() throws IOException {
        SslContext fresh = factory.build();
        SslContext old = current.getAndSet(fresh);
        ReferenceCountUtil.release(old);
        log.info("{}: TLS certificates reloaded", name);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        ReferenceCountUtil.release(current.getAndSet(null));
    }
}
