package io.mraedge.http.auth;

/** What a credential verifier concluded. */
public sealed interface Verdict {
    /** The credentials are good; {@code user} is the canonical user id. */
    record Valid(String user) implements Verdict {
    }

    /** The credentials are wrong (unknown user or wrong password). */
    record Invalid() implements Verdict {
    }

    /** The verifier could not decide (Unified CM unreachable, overloaded); the client may retry. */
    record Unavailable(String why) implements Verdict {
    }
}
