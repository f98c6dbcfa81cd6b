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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every call's SDP and dialog on one node and anchors its media in the relay.
 *
 * <p>The model is per m-line, not per offer/answer: each SDP a side sends says where that side
 * receives each m-line (RFC 3264 §5, §6), so every SDP, whichever message carries it (INVITE,
 * 18x, 200, ACK, UPDATE, PRACK, re-INVITE), updates that side's address and is rewritten with
 * this node's ports for the m-line. A stream is allocated the first time an m-line index is seen
 * and freed when either side sets its port to 0 (RFC 3264 §8.2), when the call ends (BYE,
 * CANCEL, a failure answer to the initial INVITE, the flow closing) or when the relay expires it
 * for idleness (the next SDP for that m-line allocates again).
 *
 * <p>Refusals: a request whose SDP cannot be read gets 488; one that needs ports the relay does
 * not have gets 503 (RFC 3261 §21.5.4: the server is temporarily unable). Responses and ACK are
 * never refused: an m-line that cannot be anchored there is answered with port 0.
 *
 * @param <S> the relay's stream type
 */
public abstract class SdpAnchor<S> implements SdpRewriter {
    /** The attribute that carries the edge's token for a stream to the connector. */
    public static final String RELAY_ATTRIBUTE = "x-mra-relay";

    private static final Logger log = LoggerFactory.getLogger(SdpAnchor.class);

    private final SdpLimits limits;
    private final int maxStreamsPerFlow;
    private final Map<String, Map<String, MediaCall<S>>> flows = new ConcurrentHashMap<>();

    protected SdpAnchor(SdpLimits limits, int maxStreamsPerFlow) {
        this.limits = limits;
        this.maxStreamsPerFlow = maxStreamsPerFlow;
    }

    /** Allocates a stream for {@code md}, which came from {@code from}'s side. */
    protected abstract S allocate(MediaDescription md, Direction from, boolean rtcp) throws PortsExhaustedException;

    /**
     * Tells the stream what {@code md} says about the side it came from, and adds this node's
     * port(s) for it to {@code edit}.
     */
    protected abstract void anchor(S stream, MediaDescription md, Direction from, SdpEdit.Builder edit);

    /** Whether this node anchors {@code md} coming from {@code from} (the connector needs the edge's token). */
    protected boolean anchors(MediaDescription md, Direction from) {
        return true;
    }

    /** The address written in every {@code c=} of an SDP going {@code toward}. */
    protected abstract InetAddress address(Direction toward);

    protected abstract CandidatePolicy candidates(Direction toward);

    protected abstract boolean isOpen(S stream);

    protected abstract void dropRtcp(S stream);

    protected abstract void onExpired(S stream, Runnable action);

    protected abstract void close(S stream);

    @Override
    public final void rewrite(SipMessage message, Direction direction, String flowId) {
        String callId = message.callId();
        if (callId == null) {
            return;
        }
        if (message.body().isReadable() && isSdp(message.contentType())) {
            anchorBody(message, direction, flowId, callId);
        }
        followDialog(message, flowId, callId);
    }

    @Override
    public final void flowClosed(String flowId) {
        Map<String, MediaCall<S>> calls = flows.remove(flowId);
        if (calls != null) {
            calls.values().forEach(this::end);
        }
    }

    /** Calls with media on this node now (status, tests). */
    public final int calls() {
        return flows.values().stream().mapToInt(Map::size).sum();
    }

    private void anchorBody(SipMessage message, Direction from, String flowId, String callId) {
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
            return;
        }
        Map<String, MediaCall<S>> calls = flows.computeIfAbsent(flowId, k -> new ConcurrentHashMap<>());
        MediaCall<S> call = calls.computeIfAbsent(callId, k -> new MediaCall<>());
        try {
            anchorCall(message, from, flowId, callId, sdp, call, refusable);
        } finally {
            synchronized (call) {
                if (call.streams.isEmpty()) { // nothing held: a refused or all-rejected offer leaves no entry
                    calls.remove(callId, call);
                }
            }
        }
    }

    private void anchorCall(SipMessage message, Direction from, String flowId, String callId, SessionDescription sdp,
                            MediaCall<S> call, boolean refusable) {
        synchronized (call) {
            SdpEdit.Builder edit = SdpEdit.builder();
            List<S> allocated = new ArrayList<>(2);
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
                call.mux(index, from, md.rtcpMux());
                S stream = call.streams.get(index);
                if (stream != null && !isOpen(stream)) {
                    call.streams.remove(index);
                    stream = null;
                }
                if (stream == null) {
                    try {
                        if (openStreams(flowId) >= maxStreamsPerFlow) {
                            throw new PortsExhaustedException("flow " + flowId + " already has " + maxStreamsPerFlow
                                    + " media streams (media.max-streams-per-flow)");
                        }
                        stream = allocate(md, from, !call.muxNegotiated(index));
                    } catch (PortsExhaustedException e) {
                        if (refusable) {
                            release(call, allocated);
                            throw new MediaRefusal(503, "Service Unavailable", "no media ports: " + e.getMessage());
                        }
                        log.warn("media: m-line {} of {} (Call-ID {}) rejected with port 0: {}", index,
                                message.startLine(), callId, e.getMessage());
                        edit.media(index, 0, java.util.OptionalInt.empty());
                        anchored = true;
                        continue;
                    }
                    allocated.add(stream);
                    call.streams.put(index, stream);
                    S expiring = stream;
                    onExpired(stream, () -> expired(call, index, expiring));
                } else if (call.muxNegotiated(index)) {
                    dropRtcp(stream);
                }
                try {
                    anchor(stream, md, from, edit);
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
                return;
            }
            // The message goes on in the direction it came from: toward the other side.
            edit.connection(address(from)).candidates(candidates(from)).removeAttribute(RELAY_ATTRIBUTE);
            message.body(Unpooled.wrappedBuffer(sdp.rewrite(edit.build())));
        }
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

    /** BYE, CANCEL and a failure answer to the initial INVITE end the call's media (RFC 3261 §15, §9). */
    private void followDialog(SipMessage message, String flowId, String callId) {
        Map<String, MediaCall<S>> calls = flows.get(flowId);
        MediaCall<S> call = calls == null ? null : calls.get(callId);
        if (call == null) {
            return;
        }
        boolean end = false;
        if (message instanceof SipRequest r) {
            end = r.isMethod("BYE") || r.isMethod("CANCEL");
        } else if (message instanceof SipResponse r) {
            CSeq cseq = r.cseq();
            if (cseq != null && cseq.method().equals("INVITE")) {
                synchronized (call) {
                    if (r.status() >= 200 && r.status() < 300) {
                        call.confirmed = true;
                    } else if (r.status() >= 300 && !call.confirmed) {
                        end = true;
                    }
                }
            }
        }
        if (end) {
            calls.remove(callId, call);
            end(call);
        }
    }

    private void end(MediaCall<S> call) {
        synchronized (call) {
            call.ended = true;
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
