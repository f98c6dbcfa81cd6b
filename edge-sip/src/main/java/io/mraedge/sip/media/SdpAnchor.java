package io.mraedge.sip.media;

import io.mraedge.media.ports.PortsExhaustedException;
import io.mraedge.media.sdp.CandidatePolicy;
import io.mraedge.media.sdp.MediaDescription;
import io.mraedge.media.sdp.SdpEdit;
import io.mraedge.media.sdp.SdpException;
import io.mraedge.media.sdp.SdpLimits;
import io.mraedge.media.sdp.SessionDescription;
import io.mraedge.sip.MediaRefusal;
import io.mraedge.sip.SdpRewriter;
import io.mraedge.sip.codec.CSeq;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every call's SDP and dialog on one node and anchors its media in the relay.
 *
 * <p>The model is per m-line, not per offer/answer: each SDP a side sends says where that side
 * receives each m-line (RFC 3264 §5, §6), so every SDP of a call, whichever message carries it
 * (INVITE, 18x, 200, ACK, UPDATE, PRACK, re-INVITE), updates that side's address and is
 * rewritten with this node's ports for the m-line. A stream is allocated the first time an m-line
 * index is seen and freed when either side sets its port to 0 (RFC 3264 §8.2), when the call
 * ends (BYE, CANCEL of the initial INVITE, a failure answer to it, the flow closing) or when the
 * relay expires it (the next SDP for that m-line allocates again).
 *
 * <p>What is anchored: a call starts with an INVITE request (with or without SDP); SDP in
 * INVITE, UPDATE, PRACK and ACK requests and in responses to INVITE, UPDATE and PRACK of a known
 * call. SDP anywhere else (OPTIONS, MESSAGE, a response to a request never seen) holds no ports
 * and passes on as it came. Calls per flow are bounded by {@code max-streams-per-flow}.
 *
 * <p>Refusals: a request whose SDP cannot be read gets 488; one that needs ports the relay does
 * not have (or cannot bind) gets 503 (RFC 3261 §21.5.4: the server is temporarily unable), and
 * leaves the call's streams as they were. Responses and ACK are never refused: an m-line that
 * cannot be anchored there is answered with port 0.
 *
 * @param <S> the relay's stream type
 */
public abstract class SdpAnchor<S> implements SdpRewriter {
    /** The attribute that carries the edge's token for a stream to the connector. */
    public static final String RELAY_ATTRIBUTE = "x-mra-relay";

    private static final Logger log = LoggerFactory.getLogger(SdpAnchor.class);
    private static final Set<String> OFFER_ANSWER = Set.of("INVITE", "UPDATE", "PRACK", "ACK");

    private final SdpLimits limits;
    private final int maxStreamsPerFlow;
    private final Map<String, Map<String, MediaCall<S>>> flows = new ConcurrentHashMap<>();

    protected SdpAnchor(SdpLimits limits, int maxStreamsPerFlow) {
        this.limits = limits;
        this.maxStreamsPerFlow = maxStreamsPerFlow;
    }

    /** Allocates a stream for {@code md}, which came from {@code from}'s side. */
    protected abstract S allocate(MediaDescription md, Direction from, boolean rtcp, String flowId)
            throws PortsExhaustedException;

    /**
     * Tells the stream what {@code md} says about the side it came from, and adds this node's
     * port(s) for it to {@code edit}.
     */
    protected abstract void anchor(S stream, MediaDescription md, Direction from, SdpEdit.Builder edit, String flowId);

    /** Whether this node anchors {@code md} coming from {@code from} (the connector needs the edge's token). */
    protected boolean anchors(MediaDescription md, Direction from) {
        return true;
    }

    /**
     * A body this node passes on without anchoring (not SDP of a call, or unreadable): the edge
     * removes any {@code a=x-mra-relay} a client put there, since only the edge may name a token.
     */
    protected void passing(SipMessage message, Direction from) {
    }

    /** A flow has ended (after which nothing of it is anchored again). */
    protected void closed(String flowId) {
    }

    /** The address written in every {@code c=} of an SDP going {@code toward}. */
    protected abstract InetAddress address(Direction toward);

    protected abstract CandidatePolicy candidates(Direction toward);

    protected abstract boolean isOpen(S stream);

    protected abstract boolean hasRtcp(S stream);

    protected abstract void dropRtcp(S stream);

    protected abstract void onExpired(S stream, Runnable action);

    protected abstract void close(S stream);

    @Override
    public final void rewrite(SipMessage message, Direction direction, String flowId) {
        try {
            follow(message, direction, flowId);
        } catch (MediaRefusal refusal) {
            throw refusal;
        } catch (RuntimeException e) { // a defect here must cost one message, never the flow or a buffer
            log.warn("media: could not anchor {} on flow {}", message.startLine(), flowId, e);
            if (message instanceof SipRequest r && !r.isMethod("ACK")) {
                throw new MediaRefusal(500, "Server Internal Error", "media anchoring failed: " + e);
            }
        }
    }

    private void follow(SipMessage message, Direction direction, String flowId) {
        String callId = message.callId();
        if (callId == null) {
            return;
        }
        boolean sdp = message.body().isReadable() && isSdp(message.contentType());
        MediaCall<S> call = sdp || message instanceof SipRequest ? callFor(message, flowId, callId) : null;
        if (sdp) {
            if (call == null) {
                passing(message, direction);
            } else {
                try {
                    anchorBody(message, direction, flowId, callId, call);
                } catch (MediaRefusal refusal) {
                    forgetIfUnused(flowId, callId, call); // a refused initial INVITE leaves no call behind
                    throw refusal;
                }
            }
        }
        followDialog(message, flowId, callId);
    }

    @Override
    public final void flowClosed(String flowId) {
        closed(flowId);
        Map<String, MediaCall<S>> calls = flows.remove(flowId);
        if (calls != null) {
            calls.values().forEach(this::end);
        }
    }

    /** Calls (dialogs begun with an INVITE) this node follows now (status, tests). */
    public final int calls() {
        return flows.values().stream().mapToInt(Map::size).sum();
    }

    /** Relay streams the calls hold now. */
    public final int streams() {
        int n = 0;
        for (String flowId : flows.keySet()) {
            n += openStreams(flowId);
        }
        return n;
    }

    private void forgetIfUnused(String flowId, String callId, MediaCall<S> call) {
        Map<String, MediaCall<S>> calls = flows.get(flowId);
        synchronized (call) {
            if (calls != null && call.streams.isEmpty() && !call.confirmed) {
                calls.remove(callId, call);
            }
        }
    }

    /**
     * The call {@code message} belongs to: an INVITE starts one; other offer/answer carriers
     * (and responses to them) join a known call only. Null when the message is not anchored.
     */
    private MediaCall<S> callFor(SipMessage message, String flowId, String callId) {
        String method;
        if (message instanceof SipRequest r) {
            method = r.method();
        } else {
            CSeq cseq = message.cseq();
            method = cseq == null ? "" : cseq.method();
            if (method.equals("ACK")) {
                return null;
            }
        }
        if (!OFFER_ANSWER.contains(method)) {
            return null;
        }
        Map<String, MediaCall<S>> calls = flows.get(flowId);
        MediaCall<S> call = calls == null ? null : calls.get(callId);
        if (call != null || !(message instanceof SipRequest r && r.isMethod("INVITE"))) {
            return call;
        }
        calls = flows.computeIfAbsent(flowId, k -> new ConcurrentHashMap<>());
        if (calls.size() >= maxStreamsPerFlow) {
            throw new MediaRefusal(503, "Service Unavailable", "flow " + flowId + " already has " + calls.size()
                    + " calls with media (media.max-streams-per-flow)");
        }
        return calls.computeIfAbsent(callId, k -> new MediaCall<>());
    }

    private void anchorBody(SipMessage message, Direction from, String flowId, String callId, MediaCall<S> call) {
        boolean refusable = message instanceof SipRequest r && !r.isMethod("ACK");
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(ByteBufUtil.getBytes(message.body()), limits);
        } catch (SdpException e) {
            if (refusable) {
                throw new MediaRefusal(488, "Not Acceptable Here", "unreadable SDP: " + e.getMessage());
            }
            log.warn("media: passed on an unreadable SDP in {} (Call-ID {}): {}", message.startLine(), callId,
                    e.getMessage());
            passing(message, from);
            return;
        }
        synchronized (call) {
            List<S> allocated = allocateNew(message, from, flowId, callId, sdp, call, refusable);
            SdpEdit.Builder edit = SdpEdit.builder();
            boolean anchored = false;
            for (MediaDescription md : sdp.media()) {
                int index = md.index();
                if (md.rejected()) {
                    S gone = call.streams.remove(index);
                    if (gone != null) {
                        close(gone);
                    }
                    continue;
                }
                if (!anchors(md, from)) {
                    continue;
                }
                S stream = call.streams.get(index);
                if (stream == null) { // no port for it in a response or ACK: reject the stream
                    edit.media(index, 0, java.util.OptionalInt.empty());
                    anchored = true;
                    continue;
                }
                if (call.muxNegotiated(index) && hasRtcp(stream)) {
                    dropRtcp(stream);
                }
                try {
                    anchor(stream, md, from, edit, flowId);
                } catch (IllegalArgumentException e) { // e.g. a malformed a=x-mra-relay token
                    if (refusable) {
                        release(call, allocated);
                        throw new MediaRefusal(488, "Not Acceptable Here", "m-line " + index + ": " + e.getMessage());
                    }
                    log.warn("media: m-line {} of {} (Call-ID {}) not anchored: {}", index, message.startLine(),
                            callId, e.getMessage());
                    continue;
                }
                anchored = true;
            }
            if (!anchored) {
                passing(message, from);
                return;
            }
            // The message goes on in the direction it came from: toward the other side.
            edit.connection(address(from)).candidates(candidates(from)).removeAttribute(RELAY_ATTRIBUTE);
            message.body(Unpooled.wrappedBuffer(sdp.rewrite(edit.build())));
        }
    }

    /**
     * First pass, before anything live changes: records what this side says about rtcp-mux and
     * allocates every stream the SDP needs (new m-lines, expired streams, a stream whose RTCP was
     * dropped when rtcp-mux is no longer agreed). A request that cannot get them all is refused
     * with nothing changed; a response or ACK goes on with those m-lines rejected.
     */
    private List<S> allocateNew(SipMessage message, Direction from, String flowId, String callId,
                                SessionDescription sdp, MediaCall<S> call, boolean refusable) {
        List<S> allocated = new ArrayList<>(2);
        for (MediaDescription md : sdp.media()) {
            int index = md.index();
            if (md.rejected() || !anchors(md, from)) {
                continue;
            }
            call.mux(index, from, md.rtcpMux());
            S stream = call.streams.get(index);
            if (stream != null && isOpen(stream) && (hasRtcp(stream) || call.muxNegotiated(index))) {
                continue;
            }
            try {
                if (openStreams(flowId) >= maxStreamsPerFlow) {
                    throw new PortsExhaustedException("flow " + flowId + " already has " + maxStreamsPerFlow
                            + " media streams (media.max-streams-per-flow)");
                }
                S fresh = allocate(md, from, !call.muxNegotiated(index), flowId);
                allocated.add(fresh);
                if (stream != null) {
                    close(stream);
                }
                call.streams.put(index, fresh);
                onExpired(fresh, () -> expired(call, index, fresh));
            } catch (PortsExhaustedException | RuntimeException e) {
                // RuntimeException: the relay could not bind a port (UncheckedIOException) or is closed.
                if (refusable) {
                    release(call, allocated);
                    throw new MediaRefusal(503, "Service Unavailable", "no media ports: " + e.getMessage());
                }
                log.warn("media: m-line {} of {} (Call-ID {}) rejected with port 0: {}", index,
                        message.startLine(), callId, e.toString());
                if (stream != null) {
                    call.streams.remove(index, stream);
                    close(stream);
                }
            }
        }
        return allocated;
    }

    /** Undoes what a refused request allocated, so that a refusal holds no ports. */
    private void release(MediaCall<S> call, List<S> allocated) {
        for (S s : allocated) {
            call.streams.values().remove(s);
            close(s);
        }
    }

    private int openStreams(String flowId) {
        Map<String, MediaCall<S>> calls = flows.get(flowId);
        if (calls == null) {
            return 0;
        }
        int n = 0;
        for (MediaCall<S> c : calls.values()) {
            synchronized (c) {
                n += c.streams.size();
            }
        }
        return n;
    }

    /**
     * BYE, CANCEL of the initial INVITE and a failure answer to it end the call's media
     * (RFC 3261 §15, §9, §14.1: a failed or cancelled re-INVITE leaves the call as it was).
     */
    private void followDialog(SipMessage message, String flowId, String callId) {
        Map<String, MediaCall<S>> calls = flows.get(flowId);
        MediaCall<S> call = calls == null ? null : calls.get(callId);
        if (call == null) {
            return;
        }
        boolean end;
        synchronized (call) {
            if (message instanceof SipRequest r) {
                end = r.isMethod("BYE") || r.isMethod("CANCEL") && !call.confirmed;
            } else {
                SipResponse r = (SipResponse) message;
                CSeq cseq = r.cseq();
                boolean invite = cseq != null && cseq.method().equals("INVITE");
                if (invite && r.status() >= 200 && r.status() < 300) {
                    call.confirmed = true;
                }
                end = invite && r.status() >= 300 && !call.confirmed || r.status() == 481;
            }
        }
        if (end) {
            calls.remove(callId, call);
            end(call);
        }
    }

    private void end(MediaCall<S> call) {
        synchronized (call) {
            call.streams.values().forEach(this::close);
            call.streams.clear();
        }
    }

    private void expired(MediaCall<S> call, int index, S stream) {
        synchronized (call) {
            call.streams.remove(index, stream);
        }
    }

    /** RFC 3261 §20.15 and RFC 8866 §5: {@code application/sdp}, parameters allowed. */
    static boolean isSdp(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return type.toLowerCase(Locale.ROOT).equals("application/sdp");
    }

    /** Where an m-line's RTP goes, from its effective {@code c=} and port; null for a hold address. */
    static InetSocketAddress rtpAddress(MediaDescription md) {
        InetAddress address = md.effectiveConnection().inetAddress().orElse(null);
        if (address == null || address.isAnyLocalAddress()) {
            return null;
        }
        return new InetSocketAddress(address, md.port());
    }

    /** Where an m-line's RTCP goes: {@code a=rtcp} (RFC 3605), else port + 1; null with rtcp-mux. */
    static InetSocketAddress rtcpAddress(MediaDescription md) {
        InetSocketAddress rtp = rtpAddress(md);
        if (rtp == null || md.rtcpMux() && md.rtcpPort().isEmpty()) {
            return null;
        }
        int port = md.rtcpPort().orElse(md.port() + 1);
        return new InetSocketAddress(rtp.getAddress(), port);
    }
}
