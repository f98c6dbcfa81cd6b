package io.mraedge.media.relay;

import java.io.IOException;

/**
 * One component (RTP or RTCP) of a stream, as {@link RelayStream} opens and closes it: its
 * port's catch-all and, once known, its two legs. Loop-confined.
 */
interface RelayComponent {
    /** Binds the component's port; on the stream's loop. */
    void open() throws IOException;

    /** Closes every socket, then frees the port; idempotent, on the stream's loop. */
    void close();
}
