package io.mraedge.media.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What anchoring one SDP body costs the SIP path: {@link SessionDescription#parse} plus
 * {@link SessionDescription#rewrite} with the edit the edge applies (relay address, ports for
 * every m-line, candidates rewritten, a relay attribute added), per body. {@code parse} alone and
 * {@code baselineCopy} (one {@code byte[]} copy of the body, the floor for any rewrite that
 * returns a new array) are measured in the same run; report {@code parseAndRewrite} as a ratio
 * against them.
 *
 * <p>Bodies: {@code audio}, a one-stream SRTP audio offer (499 bytes, 17 lines); {@code jabber}, a
 * Jabber-like audio + main video + slides video + BFCP offer with SRTP keys and ICE candidates
 * (3241 bytes, 85 lines).
 *
 * <p>{@code java -cp benchmarks/target/classes:<dependencies> org.openjdk.jmh.Main SdpRewriteBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SdpRewriteBenchmark {

    static final String AUDIO = String.join("\r\n",
            "v=0",
            "o=- 3841577453 3841577453 IN IP4 192.168.1.50",
            "s=SIP Call",
            "t=0 0",
            "m=audio 24580 RTP/SAVP 9 0 8 101",
            "c=IN IP4 192.168.1.50",
            "b=TIAS:64000",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:1",
            "a=rtcp:24581",
            "a=candidate:1 1 UDP 2130706431 192.168.1.50 24580 typ host",
            "a=candidate:1 2 UDP 2130706430 192.168.1.50 24581 typ host",
            "a=sendrecv") + "\r\n";

    /** The test table's {@code jabber-av-bfcp.sdp}. */
    static final String JABBER = """
            v=0
            o=Cisco-SIPUA 13398 0 IN IP4 192.168.1.50
            s=SIP Call
            b=AS:4000
            t=0 0
            a=cisco-mari:v1
            a=cisco-mari-rate
            m=audio 24580 RTP/SAVP 114 9 104 105 0 8 18 111 101
            c=IN IP4 192.168.1.50
            b=TIAS:64000
            a=rtpmap:114 opus/48000/2
            a=fmtp:114 maxplaybackrate=16000;sprop-maxcapturerate=16000;maxaveragebitrate=64000;stereo=0;sprop-stereo=0;usedtx=0
            a=rtpmap:9 G722/8000
            a=rtpmap:104 G7221/16000
            a=fmtp:104 bitrate=32000
            a=rtpmap:105 G7221/16000
            a=fmtp:105 bitrate=24000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:18 G729/8000
            a=fmtp:18 annexb=yes
            a=rtpmap:111 x-ulpfecuc/8000
            a=fmtp:111 max_esel=1400;m=8;max_n=32;FEC_ORDER=FEC_SRTP
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:1
            a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^31|1:1
            a=rtcp:24581
            a=ice-ufrag:aB3d
            a=ice-pwd:Zx9KqL2mW8vR4tY7uI0oP3sD
            a=candidate:1 1 UDP 2130706431 192.168.1.50 24580 typ host
            a=candidate:1 2 UDP 2130706430 192.168.1.50 24581 typ host
            a=candidate:2 1 UDP 1694498815 198.51.100.23 24580 typ srflx raddr 192.168.1.50 rport 24580
            a=candidate:2 2 UDP 1694498814 198.51.100.23 24581 typ srflx raddr 192.168.1.50 rport 24581
            a=candidate:3 1 UDP 16777215 203.0.113.77 50000 typ relay raddr 198.51.100.23 rport 24580
            a=candidate:3 2 UDP 16777214 203.0.113.77 50001 typ relay raddr 198.51.100.23 rport 24581
            a=ssrc:1374829571 cname:jabber-7f3a9c
            a=sendrecv
            m=video 24582 RTP/SAVP 126 97 111
            c=IN IP4 192.168.1.50
            b=TIAS:4000000
            a=rtpmap:126 H264/90000
            a=fmtp:126 profile-level-id=42E01F;packetization-mode=1;level-asymmetry-allowed=1;max-fs=3600;max-rcmd-nalu-size=3456000
            a=rtpmap:97 H264/90000
            a=fmtp:97 profile-level-id=42E01F;packetization-mode=0;level-asymmetry-allowed=1;max-fs=3600
            a=rtpmap:111 x-ulpfecuc/8000
            a=fmtp:111 max_esel=1400;m=8;max_n=32;FEC_ORDER=FEC_SRTP
            a=rtcp-fb:* nack pli
            a=rtcp-fb:* ccm fir
            a=rtcp-fb:* ccm tmmbr
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2VjcmV0LWtleS1zYWx0LXZpZGVvLW1haW4tMTIzNDU2|2^31|1:1
            a=rtcp-mux
            a=content:main
            a=label:11
            a=ice-ufrag:aB3d
            a=ice-pwd:Zx9KqL2mW8vR4tY7uI0oP3sD
            a=candidate:1 1 UDP 2130706431 192.168.1.50 24582 typ host
            a=candidate:2 1 UDP 1694498815 198.51.100.23 24582 typ srflx raddr 192.168.1.50 rport 24582
            a=candidate:3 1 UDP 16777215 203.0.113.77 50002 typ relay raddr 198.51.100.23 rport 24582
            a=ssrc:2847561093 cname:jabber-7f3a9c
            a=sendrecv
            m=video 24584 RTP/SAVP 126 97
            c=IN IP4 192.168.1.50
            b=TIAS:4000000
            a=rtpmap:126 H264/90000
            a=fmtp:126 profile-level-id=42E01F;packetization-mode=1;max-fs=8160
            a=rtpmap:97 H264/90000
            a=fmtp:97 profile-level-id=42E01F;packetization-mode=0;max-fs=8160
            a=rtcp-fb:* nack pli
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2xpZGVzLWtleS1zYWx0LXZpZGVvLXNsaWRlcy1hYmNk|2^31|1:1
            a=rtcp:24585
            a=content:slides
            a=label:12
            a=candidate:1 1 UDP 2130706431 192.168.1.50 24584 typ host
            a=candidate:1 2 UDP 2130706430 192.168.1.50 24585 typ host
            a=remote-candidates:1 203.0.113.5 40000 2 203.0.113.5 40001
            a=sendrecv
            m=application 24586 UDP/BFCP *
            c=IN IP4 192.168.1.50
            a=floorctrl:c-s
            a=confid:1
            a=floorid:2 mstrm:12
            a=userid:3
            a=setup:actpass
            a=connection:new
            """.replace("\n", "\r\n");

    @Param({"audio", "jabber"})
    public String body;

    private byte[] bytes;
    private SdpEdit edit;

    @Setup
    public void setUp() throws SdpException, UnknownHostException {
        bytes = (body.equals("audio") ? AUDIO : JABBER).getBytes(StandardCharsets.US_ASCII);
        int media = SessionDescription.parse(bytes, SdpLimits.DEFAULT).media().size();
        SdpEdit.Builder builder = SdpEdit.builder()
                .connection(InetAddress.getByName("203.0.113.10"))
                .candidates(CandidatePolicy.REWRITE)
                .removeAttribute("x-mra-relay")
                .addAttribute(0, "x-mra-relay:00112233445566778899aabbccddeeff");
        for (int i = 0; i < media; i++) {
            builder.media(i, 36002 + 2 * i, OptionalInt.of(36003 + 2 * i));
        }
        edit = builder.build();
    }

    @Benchmark
    public byte[] parseAndRewrite() throws SdpException {
        return SessionDescription.parse(bytes, SdpLimits.DEFAULT).rewrite(edit);
    }

    @Benchmark
    public SessionDescription parse() throws SdpException {
        return SessionDescription.parse(bytes, SdpLimits.DEFAULT);
    }

    @Benchmark
    public byte[] baselineCopy() {
        return bytes.clone();
    }
}
