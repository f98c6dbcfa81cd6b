package io.mraedge.sip.registration;

import io.mraedge.sip.codec.CSeq;
import io.mraedge.sip.codec.NameAddress;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.codec.SipUri;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registrations (AOR + contact bindings) that went through one flow, learnt from REGISTER
 * transactions (RFC 3261 §10.3): a 2xx with a granted expiry above zero creates or refreshes a
 * binding; expiry zero, {@code Contact: *}, the binding's expiry time or the flow's end remove it.
 * Every method returns the change in the number of bindings for a {@link RegistrationCounter}.
 *
 * <p>Confined to the flow's event loop. Memory: one small map entry per binding, plus at most
 * {@value #MAX_PENDING} REGISTERs awaiting their answer.
 */
public final class FlowBindings {
    /**
     * REGISTERs awaiting their answer that one flow may have outstanding. RFC 3261 §10.2 allows
     * one outstanding REGISTER per UA, but one flow may carry many UAs (a SIP proxy, or sipp
     * registering 1,000 AORs on one connection), and a slow path lets their answers lag. Beyond
     * this many only the oldest are forgotten, and an entry lives only until its answer.
     */
    static final int MAX_PENDING = 4096;
    private static final long DEFAULT_EXPIRES = 3600;

    private record Pending(String aor, List<NameAddress> contacts, long expires) {
    }

    private Map<String, Long> expiryMillis;
    private Map<String, Pending> pending;

    /** Remembers a REGISTER on its way out, to match its answer. */
    public void requestSent(SipRequest register) {
        if (pending == null) {
            // Insertion order, so that the oldest unanswered REGISTER is the one forgotten.
            pending = new LinkedHashMap<>(4, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                    return size() > MAX_PENDING;
                }
            };
        }
        pending.put(key(register.callId(), register.cseq()),
                new Pending(SipUri.aor(register.to().uri()), register.contacts(), register.expires()));
    }

    /**
     * Applies the answer to a REGISTER. Returns the change in bindings; 0 for a provisional,
     * an unknown transaction or a failure.
     */
    public int responseReceived(SipResponse response, long nowMillis) {
        if (pending == null || response.status() < 200) {
            return 0;
        }
        Pending p = pending.remove(key(response.callId(), response.cseq()));
        if (p == null || response.status() >= 300) {
            return 0;
        }
        List<NameAddress> granted = response.contacts();
        long headerExpires = response.expires();
        int delta = 0;
        for (NameAddress c : p.contacts) {
            if (c.uri().equals("*")) {
                delta += removeAor(p.aor);
                continue;
            }
            long expires = grantedExpiry(c, granted, headerExpires, p.expires);
            String key = p.aor + '\n' + c.uri();
            if (expires > 0) {
                if (expiryMillis == null) {
                    expiryMillis = new HashMap<>(4);
                }
                if (expiryMillis.put(key, nowMillis + expires * 1000) == null) {
                    delta++;
                }
            } else if (expiryMillis != null && expiryMillis.remove(key) != null) {
                delta--;
            }
        }
        return delta;
    }

    private static long grantedExpiry(NameAddress requested, List<NameAddress> granted, long headerExpires,
                                      long requestExpires) {
        for (NameAddress g : granted) {
            if (g.uri().equals(requested.uri()) && g.expires() >= 0) {
                return g.expires();
            }
        }
        if (!granted.isEmpty() && granted.stream().noneMatch(g -> g.uri().equals(requested.uri()))) {
            return 0; // the registrar listed the AOR's bindings and this contact is not among them
        }
        if (headerExpires >= 0) {
            return headerExpires;
        }
        if (requested.expires() >= 0) {
            return requested.expires();
        }
        return requestExpires >= 0 ? requestExpires : DEFAULT_EXPIRES;
    }

    private int removeAor(String aor) {
        if (expiryMillis == null) {
            return 0;
        }
        int removed = 0;
        for (Iterator<String> it = expiryMillis.keySet().iterator(); it.hasNext(); ) {
            if (it.next().startsWith(aor + '\n')) {
                it.remove();
                removed--;
            }
        }
        return removed;
    }

    /** Removes bindings whose expiry has passed; returns the (negative) change. */
    public int expire(long nowMillis) {
        if (expiryMillis == null) {
            return 0;
        }
        int before = expiryMillis.size();
        expiryMillis.values().removeIf(t -> t <= nowMillis);
        return expiryMillis.size() - before;
    }

    /** The earliest expiry time, or -1 when nothing is bound. */
    public long nextExpiryMillis() {
        if (expiryMillis == null || expiryMillis.isEmpty()) {
            return -1;
        }
        return expiryMillis.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** The flow ended: every binding goes; returns the (negative) change. */
    public int clear() {
        int n = expiryMillis == null ? 0 : expiryMillis.size();
        expiryMillis = null;
        pending = null;
        return -n;
    }

    public int size() {
        return expiryMillis == null ? 0 : expiryMillis.size();
    }

    /** Whether this REGISTER refreshes or removes a binding the flow holds (maintenance lets those pass). */
    public boolean refreshes(SipRequest register) {
        if (expiryMillis == null) {
            return false;
        }
        String aor = SipUri.aor(register.to().uri());
        List<String> keys = new ArrayList<>();
        for (NameAddress c : register.contacts()) {
            keys.add(aor + '\n' + c.uri());
        }
        return keys.isEmpty() ? expiryMillis.keySet().stream().anyMatch(k -> k.startsWith(aor + '\n'))
                : keys.stream().anyMatch(expiryMillis::containsKey)
                || register.contacts().stream().anyMatch(c -> c.uri().equals("*"));
    }

    private static String key(String callId, CSeq cseq) {
        return callId + ' ' + (cseq == null ? -1 : cseq.number());
    }
}
