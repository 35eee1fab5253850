/**
 * HTTPS-interface request messages: {@link dev.jic.types.messages.EnvelopeParser} turns a request
 * body into a typed {@link dev.jic.types.messages.HttpRequestEnvelope} (call, query or read_state
 * content, optional key, signature and delegation chain) exactly once, or a
 * {@link dev.jic.types.encoding.DecodeException} whose message is fit for an HTTP 400 body;
 * {@link dev.jic.types.messages.QueryResponse} is what nodes sign for a query.
 *
 * <p>Safety: every parsed value respects the spec's structural limits (nonce ≤ 32 B, ≤ 1000
 * paths of ≤ 127 labels, ≤ 1000 delegation targets, principals ≤ 29 B, u64 times) and carries
 * the request id of the content map exactly as received. Parsing does not authenticate.
 */
package dev.jic.types.messages;
