package io.mraedge.core.admin;

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values, so
 * that a value from the outside (a node name, a configuration warning, an error message)
 * is shown as text and never read as markup.
 */
public final class HtmlEscaper {
    private HtmlEscaper() {
    }

    /** {@code value} as safe HTML text; {@code null} becomes the empty string. */
    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String replacement = replacement(s.charAt(i));
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(s.charAt(i));
            }
        }
        return out == null ? s : out.toString();
    }

    // The five characters that can end text or an attribute value (HTML Living Standard §13.1.2.6,
    // and the OWASP rule for element content and quoted attributes).
    private static String replacement(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
