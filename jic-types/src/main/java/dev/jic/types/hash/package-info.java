/**
 * Hashing: SHA helpers ({@link dev.jic.types.hash.Sha}) and the IC's representation-independent
 * hash ({@link dev.jic.types.hash.RepresentationIndependentHash} over the
 * {@link dev.jic.types.hash.HashValue} model), which defines request ids
 * ({@link dev.jic.types.hash.RequestId}), delegation and query-response signing payloads.
 *
 * <p>Safety: the hash of a map depends only on its entries, never on their order or on the CBOR
 * representation they came from; it is pinned by the spec's golden vector (request id
 * {@code 1d1091...b101}).
 */
package dev.jic.types.hash;
