/**
 * SIP on stream transports: {@link io.mraedge.sip.codec.SipObjectDecoder} and
 * {@link io.mraedge.sip.codec.SipObjectEncoder}, the message model whose body is a ByteBuf slice,
 * parsed header values (Via, name-addr, CSeq), keepalives and STUN detection on the flow.
 */
package io.mraedge.sip.codec;
