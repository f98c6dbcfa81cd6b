package io.mraedge.http.allowlist;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The HTTP methods an allow-list rule can name. A method is an RFC 9110 §9.1 token; rules
 * name the registered ones only, in upper case, so that a typo such as {@code GTE} is a config
 * error instead of a rule that never matches.
 */
public final class HttpMethods {
    /** Methods a rule may list. CONNECT and TRACE are not proxied through the edge at all. */
    public static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}");

    private HttpMethods() {
    }

    /** True when {@code method} is an RFC 9110 token of at most 32 characters. */
    public static boolean isToken(CharSequence method) {
        return method != null && TOKEN.matcher(method).matches();
    }

    /**
     * Parses a list of method names (any case) into a sorted set.
     *
     * @throws IllegalArgumentException naming the first unknown method, or when the list is empty
     */
    public static Set<String> parse(Collection<String> names) {
        Set<String> methods = new TreeSet<>();
        for (String name : names) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(upper)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a method a rule can allow; use "
                        + String.join(", ", new TreeSet<>(KNOWN)));
            }
            methods.add(upper);
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a rule must allow at least one method");
        }
        return Set.copyOf(methods);
    }
}
