package io.mraedge.sip.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lexical rules of RFC 3261 §25 that the parsers share: tokens, lists and parameters. */
final class SipSyntax {
    private SipSyntax() {
    }

    /** RFC 3261 §25.1 token character. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Splits a header line on commas outside quotes and angle brackets (RFC 3261 §7.3.1). */
    static List<String> splitList(String line) {
        List<String> out = new ArrayList<>(1);
        boolean quoted = false;
        int angle = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == ',') {
                addTrimmed(out, line.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(out, line.substring(start));
        return out;
    }

    private static void addTrimmed(List<String> out, String s) {
        String t = s.trim();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** Parses {@code ;a=b;c} into an ordered map (flag parameters map to ""). */
    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : s.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put(p.toLowerCase(java.util.Locale.ROOT), "");
            } else {
                out.put(p.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), p.substring(eq + 1).trim());
            }
        }
        return out;
    }

    static String formatParams(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            sb.append(';').append(k);
            if (!v.isEmpty()) {
                sb.append('=').append(v);
            }
        });
        return sb.toString();
    }
}
