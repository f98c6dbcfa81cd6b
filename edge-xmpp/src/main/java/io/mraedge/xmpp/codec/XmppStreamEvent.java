package io.mraedge.xmpp.codec;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * What {@link XmppStreamDecoder#next()} found in the bytes fed so far. Each event that consumed
 * bytes ends at {@link XmppStreamDecoder#offset()}.
 */
public sealed interface XmppStreamEvent {

    /** Every byte fed has been read; feed more. */
    record NeedInput() implements XmppStreamEvent {
    }

    /** The opening {@code <stream:stream>} tag is complete. */
    record StreamOpened(StreamHeader header) implements XmppStreamEvent {
    }

    /**
     * A first-level child of the stream is complete, e.g. {@code <starttls/>},
     * {@code <stream:features>} or {@code <stream:error>}.
     *
     * @param name     the element's qualified name
     * @param children the names of its direct children, in order (at most
     *                 {@link XmppStreamDecoder#MAX_CHILDREN}); deeper elements are skipped
     */
    record Element(QName name, List<QName> children) implements XmppStreamEvent {
        public Element {
            children = List.copyOf(children);
        }

        /** Whether this is {@code localName} in {@code namespace}. */
        public boolean is(String namespace, String localName) {
            return namespace.equals(name.getNamespaceURI()) && localName.equals(name.getLocalPart());
        }

        /** Whether a direct child is {@code localName} in {@code namespace}. */
        public boolean hasChild(String namespace, String localName) {
            for (QName child : children) {
                if (namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalPart())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The closing {@code </stream:stream>} tag. Nothing follows. */
    record StreamClosed() implements XmppStreamEvent {
    }

    /**
     * The input is not an acceptable XMPP stream; terminal. The next handler sends
     * {@code error} as a stream error and counts a protocol violation.
     *
     * @param error  the stream error condition to send
     * @param reason what was wrong, for the log
     */
    record Malformed(StreamError error, String reason) implements XmppStreamEvent {
    }
}
