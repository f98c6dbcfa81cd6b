package io.mraedge.xmpp.codec;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Reads the negotiation part of an XMPP stream with Aalto's non-blocking StAX parser: the
 * opening stream tag and the first-level elements around it (STARTTLS, features, errors). It
 * builds no tree and no strings of the stream: it yields {@link XmppStreamEvent}s and the byte
 * offset where each ends, so that the caller can hand the bytes after a stream header on
 * unparsed. Used by the edge for client headers and STARTTLS, and by the connector for the
 * upstream server's side of STARTTLS and the client header it replays.
 *
 * <p>A state machine: {@code PROLOG} (before the stream tag) → {@code STREAM} (at the first
 * level) ⇄ {@code ELEMENT} (inside a first-level element) → {@code CLOSED}; any bad input moves
 * to {@code BAD} for good and every later call repeats the same {@link XmppStreamEvent.Malformed}.
 *
 * <p>Limits (RFC 6120 §13.12 asks for them): the bytes up to the end of the stream tag, and
 * the bytes of each first-level element, each capped; going over is a policy violation.
 * XML that RFC 6120 §11.1 forbids (comments, processing instructions other than the
 * declaration, DTDs, entity references) is {@code restricted-xml}; anything Aalto refuses is
 * {@code not-well-formed}.
 *
 * <p>Ownership: {@link #feed} reads the buffer's readable bytes without retaining it; the caller
 * keeps the buffer unchanged and alive until {@link #next()} returns {@code NeedInput} (or it
 * stops decoding). Not thread-safe; one channel's event loop uses it.
 */
public final class XmppStreamDecoder {
    /** Child names kept per first-level element; features with more are rare and need not be seen. */
    public static final int MAX_CHILDREN = 32;

    private static final XmppStreamEvent NEED_INPUT = new XmppStreamEvent.NeedInput();
    private static final AsyncXMLInputFactory FACTORY = factory();

    private enum State { PROLOG, STREAM, ELEMENT, CLOSED, BAD }

    private final int maxHeaderBytes;
    private final int maxElementBytes;
    private final AsyncXMLStreamReader<AsyncByteBufferFeeder> reader = FACTORY.createAsyncForByteBuffer();
    private State state = State.PROLOG;
    private long fed;
    private long offset;
    private long elementStart;
    private int depth;
    private QName elementName;
    private final List<QName> children = new ArrayList<>(4);
    private XmppStreamEvent.Malformed failure;

    /**
     * @param maxHeaderBytes  bytes allowed up to the end of the opening stream tag (XML declaration included)
     * @param maxElementBytes bytes allowed for one first-level element
     */
    public XmppStreamDecoder(int maxHeaderBytes, int maxElementBytes) {
        if (maxHeaderBytes <= 0 || maxElementBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxElementBytes = maxElementBytes;
    }

    private static AsyncXMLInputFactory factory() {
        InputFactoryImpl f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        return f;
    }

    /** True when every byte fed so far has been read, so {@link #feed} may be called. */
    public boolean needsInput() {
        return reader.getInputFeeder().needMoreInput();
    }

    /** Bytes fed so far. */
    public long fed() {
        return fed;
    }

    /** Bytes from the start of the stream to the end of the last event returned. */
    public long offset() {
        return offset;
    }

    /**
     * Feeds the readable bytes of {@code chunk} (its reader index is not moved). Call only when
     * {@link #needsInput()}; then call {@link #next()} until it returns {@code NeedInput}.
     */
    public void feed(ByteBuf chunk) {
        if (state == State.BAD || state == State.CLOSED || !chunk.isReadable()) {
            return;
        }
        try {
            reader.getInputFeeder().feedInput(chunk.nioBuffer(chunk.readerIndex(), chunk.readableBytes()));
            fed += chunk.readableBytes();
        } catch (XMLStreamException e) {
            fail(StreamError.NOT_WELL_FORMED, e.getMessage());
        }
    }

    /** The next event decoded from the bytes fed so far. */
    public XmppStreamEvent next() {
        if (state == State.BAD) {
            return failure;
        }
        try {
            while (true) {
                if (state == State.CLOSED) {
                    return NEED_INPUT;
                }
                int event = reader.next();
                if (event == AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                    return overLimit() ? failure : NEED_INPUT;
                }
                XmppStreamEvent result = onEvent(event);
                if (result != null) {
                    return result;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // Aalto reports bad input as XMLStreamException, and a few malformations (a bad
            // character in a name) as IllegalArgumentException from its symbol tables.
            return fail(StreamError.NOT_WELL_FORMED, firstLine(e.getMessage()));
        }
    }

    private XmppStreamEvent onEvent(int event) throws XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT, XMLStreamConstants.SPACE:
                return null;
            case XMLStreamConstants.START_ELEMENT:
                return startElement();
            case XMLStreamConstants.END_ELEMENT:
                return endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA:
                if (depth <= 1 && !reader.isWhiteSpace()) {
                    return fail(StreamError.NOT_WELL_FORMED, "text outside any element");
                }
                return null;
            case XMLStreamConstants.COMMENT:
                return fail(StreamError.RESTRICTED_XML, "XML comment (RFC 6120 §11.1)");
            case XMLStreamConstants.PROCESSING_INSTRUCTION:
                return fail(StreamError.RESTRICTED_XML, "processing instruction (RFC 6120 §11.1)");
            case XMLStreamConstants.DTD:
                return fail(StreamError.RESTRICTED_XML, "document type declaration (RFC 6120 §11.1)");
            case XMLStreamConstants.ENTITY_REFERENCE:
                return fail(StreamError.RESTRICTED_XML, "entity reference (RFC 6120 §11.1)");
            case XMLStreamConstants.END_DOCUMENT:
                return fail(StreamError.NOT_WELL_FORMED, "end of document");
            default:
                return null;
        }
    }

    private XmppStreamEvent startElement() throws XMLStreamException {
        depth++;
        long end = reader.getLocationInfo().getEndingByteOffset();
        switch (state) {
            case PROLOG -> {
                if (end > maxHeaderBytes) {
                    return fail(StreamError.POLICY_VIOLATION, "stream header longer than " + maxHeaderBytes + " bytes");
                }
                if (!XmppNamespaces.STREAMS.equals(reader.getNamespaceURI()) || !"stream".equals(reader.getLocalName())) {
                    return fail(StreamError.INVALID_NAMESPACE, "the first element is not a stream: " + reader.getName());
                }
                state = State.STREAM;
                offset = end;
                return new XmppStreamEvent.StreamOpened(header());
            }
            case STREAM -> {
                state = State.ELEMENT;
                elementStart = reader.getLocationInfo().getStartingByteOffset();
                elementName = reader.getName();
                children.clear();
                return null;
            }
            default -> {
                if (depth == 3 && children.size() < MAX_CHILDREN) {
                    children.add(reader.getName());
                }
                return null;
            }
        }
    }

    private XmppStreamEvent endElement() throws XMLStreamException {
        depth--;
        long end = reader.getLocationInfo().getEndingByteOffset();
        if (depth == 0) {
            state = State.CLOSED;
            offset = end;
            return new XmppStreamEvent.StreamClosed();
        }
        if (depth == 1) {
            if (end - elementStart > maxElementBytes) {
                return fail(StreamError.POLICY_VIOLATION, "element longer than " + maxElementBytes + " bytes");
            }
            state = State.STREAM;
            offset = end;
            return new XmppStreamEvent.Element(elementName, children);
        }
        return null;
    }

    private StreamHeader header() {
        String contentNamespace = null;
        boolean dialback = false;
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix == null || prefix.isEmpty()) {
                contentNamespace = reader.getNamespaceURI(i);
            } else if ("db".equals(prefix) && XmppNamespaces.DIALBACK.equals(reader.getNamespaceURI(i))) {
                dialback = true;
            }
        }
        return new StreamHeader(contentNamespace, attribute("to"), attribute("from"), attribute("id"),
                attribute("version"), dialback);
    }

    private String attribute(String localName) {
        return reader.getAttributeValue(XMLConstants.NULL_NS_URI, localName);
    }

    private boolean overLimit() {
        if (state == State.PROLOG && fed > maxHeaderBytes) {
            fail(StreamError.POLICY_VIOLATION, "stream header longer than " + maxHeaderBytes + " bytes");
            return true;
        }
        if (state == State.ELEMENT && fed - elementStart > maxElementBytes) {
            fail(StreamError.POLICY_VIOLATION, "element longer than " + maxElementBytes + " bytes");
            return true;
        }
        return false;
    }

    private XmppStreamEvent.Malformed fail(StreamError error, String reason) {
        if (state != State.BAD) {
            state = State.BAD;
            failure = new XmppStreamEvent.Malformed(error, reason == null ? error.element() : reason);
        }
        return failure;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed XML";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
