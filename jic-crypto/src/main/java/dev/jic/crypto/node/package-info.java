/**
 * Node signing keys ({@link dev.jic.crypto.node.NodeSigningKey}): Ed25519 keys derived from a
 * seed, their DER form and node id, and query-response signatures over
 * {@code "\x0Bic-response" · hash_of_map(M)} that agents verify.
 *
 * <p>Safety: a signature verifies only for the exact response, timestamp and request id signed;
 * signing is deterministic (RFC 8032), so simulations reproduce byte for byte.
 */
package dev.jic.crypto.node;
