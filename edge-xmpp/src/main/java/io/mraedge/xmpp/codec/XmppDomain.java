package io.mraedge.xmpp.codec;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises the domainpart of an XMPP address as routing compares it (RFC 7622 §3.2): the
 * ASCII (IDNA) form in lower case, without a trailing dot. Internationalised names are turned
 * into their A-labels, so {@code bücher.example} and {@code xn--bcher-kva.example} match.
 */
public final class XmppDomain {
    // RFC 1123 §2.1 labels: letters, digits and hyphens, no hyphen at either end.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 7622 §3.2: a domainpart is at most 1023 octets; DNS limits the ASCII form to 253. */
    private static final int MAX_LENGTH = 253;

    private XmppDomain() {
    }

    /** The normalised domain, or empty when {@code text} is not a usable domain name. */
    public static Optional<String> normalize(String text) {
        if (text == null || text.isEmpty() || text.length() > 1023) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii);
    }
}
