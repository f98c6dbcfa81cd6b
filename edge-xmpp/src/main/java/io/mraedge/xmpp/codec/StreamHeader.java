package io.mraedge.xmpp.codec;

import java.util.Optional;

/**
 * The attributes of an opening {@code <stream:stream>} tag that routing and checks need
 * (RFC 6120 §4.7). Values are as sent; absent attributes are null.
 *
 * @param contentNamespace the default namespace declared on the tag, e.g. {@code jabber:client}
 * @param to               the domain the initiating entity wants
 * @param from             the initiating entity's address
 * @param id               the stream id (sent by the receiving entity)
 * @param version          e.g. {@code 1.0}
 * @param dialback         whether the tag declares the dialback namespace (XEP-0220 §2.1)
 */
public record StreamHeader(String contentNamespace, String to, String from, String id, String version,
                           boolean dialback) {

    /**
     * Checks the header against what a listener accepts: the content namespace
     * ({@code jabber:client} or {@code jabber:server}) and a major version of 1
     * (RFC 6120 §4.7.5: a missing version means 0.9, which we do not speak).
     */
    public Optional<StreamError> check(String expectedContentNamespace) {
        if (!expectedContentNamespace.equals(contentNamespace)) {
            return Optional.of(StreamError.INVALID_NAMESPACE);
        }
        if (version == null || !(version.equals("1") || version.startsWith("1."))) {
            return Optional.of(StreamError.UNSUPPORTED_VERSION);
        }
        return Optional.empty();
    }
}
