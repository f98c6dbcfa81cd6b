package io.mraedge.core.admin;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One admin endpoint. Runs on an event loop, so it must not block; it reads live state and
 * answers. Ownership of the request stays with the server, which releases it.
 */
@FunctionalInterface
public interface AdminRoute {
    AdminResponse handle(FullHttpRequest request);
}
