package io.mraedge.sip.it;

import java.util.ArrayList;
import java.util.List;

/** At least 30 malformed messages: bad start lines, Content-Length faults, overflow, garbage, injection. */
final class MalformedBattery {
    private static final String OK = "REGISTER sip:example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:mallory@example.com>;tag=m1\r\n"
            + "To: <sip:mallory@example.com>\r\n"
            + "Call-ID: bad@10.0.0.5\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:mallory@10.0.0.5:5061;transport=tls>\r\n"
            + "Expires: 600\r\n"
            + "Content-Length: 0\r\n\r\n";

    private MalformedBattery() {
    }

    static List<String> messages() {
        List<String> m = new ArrayList<>();
        // bad start lines
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REGISTER sip:example.com SIP/3.0"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REGISTER  sip:example.com SIP/2.0"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REGISTER sip:example.com"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REG@STER sip:example.com SIP/2.0"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REGISTER example SIP/2.0"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "GET / HTTP/1.1"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "SIP/2.0 2000 OK"));
        m.add(OK.replace("REGISTER sip:example.com SIP/2.0", "REGISTER sip:" + "a".repeat(5000) + " SIP/2.0"));
        // Content-Length faults
        m.add(OK.replace("Content-Length: 0\r\n", ""));
        m.add(OK.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nContent-Length: 0\r\n"));
        m.add(OK.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 5\r\n"));
        m.add(OK.replace("Content-Length: 0", "Content-Length: -1"));
        m.add(OK.replace("Content-Length: 0", "Content-Length: abc"));
        m.add(OK.replace("Content-Length: 0", "Content-Length: 99999999999"));
        m.add(OK.replace("Content-Length: 0", "Content-Length: 100000") + "x".repeat(100_000));
        // header overflow
        m.add(OK.replace("Max-Forwards: 70\r\n", "X-Big: " + "b".repeat(40_000) + "\r\n"));
        m.add(OK.replace("Max-Forwards: 70\r\n", "X-H: 1\r\n".repeat(150)));
        m.add(OK.replace("Max-Forwards: 70\r\n", ("X-Mid: " + "c".repeat(1000) + "\r\n").repeat(40)));
        // missing or broken mandatory headers
        m.add(OK.replace("Call-ID: bad@10.0.0.5\r\n", ""));
        m.add(OK.replace("CSeq: 1 REGISTER", "CSeq: one REGISTER"));
        m.add(OK.replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE"));
        m.add(OK.replace("Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bKbad", "Via: nonsense"));
        m.add(OK.replace("To: <sip:mallory@example.com>", "To: <sip:mallory@example.com"));
        m.add(OK.replace("Expires: 600", "Expires: soon"));
        m.add(OK.replace("Max-Forwards: 70\r\n", "No colon here\r\n"));
        m.add(OK.replace("Max-Forwards: 70\r\n", " folded-without-header\r\n"));
        // CRLF injection and control characters
        m.add(OK.replace("Max-Forwards: 70\r\n", "Subject: hi\rInjected: yes\r\n"));
        m.add(OK.replace("Max-Forwards: 70\r\n", "Subject: hi\nInjected: yes\r\n"));
        m.add(OK.replace("Max-Forwards: 70\r\n", "Subject: a\u0000b\r\n"));
        m.add(OK.replace("Max-Forwards: 70\r\n", "Bad Name: x\r\n"));
        // binary garbage and truncation
        m.add("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003garbage-tls-hello");
        m.add("\u0000\u0001\u0000\u0000\u0001\u0002\u0003\u0004" + "z".repeat(40));
        m.add("\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000");
        m.add(OK.replace("Content-Length: 0", "Content-Length: 50") + "truncated body");
        m.add("REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/TLS 10.0.0.5");
        return m;
    }
}
