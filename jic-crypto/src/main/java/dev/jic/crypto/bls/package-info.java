/**
 * BLS12-381 signatures in the IC's conventions: signatures in G1 (48 bytes), keys in G2 (96 bytes).
 *
 * <p>Safety properties this package provides:
 *
 * <ul>
 *   <li>Unforgeability of basic and threshold signatures ({@link dev.jic.crypto.bls.BlsBasic},
 *       {@link dev.jic.crypto.bls.BlsThreshold}): fewer than {@code threshold} shares do not let anyone
 *       compute the combined signature; any {@code threshold} valid shares combine to the one
 *       signature the master key would make, byte for byte.
 *   <li>Unforgeability of multi-signatures ({@link dev.jic.crypto.bls.BlsMultiSig}) <em>provided
 *       every key in an aggregate passed {@link dev.jic.crypto.bls.BlsMultiSig#verifyPossession}</em>
 *       (rogue-key defence); an aggregate verifies only for the exact multiset of signers.
 *   <li>Domain separation: the basic/threshold suite, the multi-signature suite and proofs of
 *       possession hash with three different DSTs, so a signature from one never verifies in
 *       another.
 *   <li>Untrusted bytes: {@code verify*} methods never throw and answer false for malformed points
 *       (off the curve, outside the subgroup, the identity, non-canonical); combining operations
 *       throw {@link dev.jic.crypto.bls.BlsException}.
 *   <li>Determinism: keys are pure functions of seeds; signing is deterministic; no hidden
 *       randomness, clocks or global state.
 * </ul>
 *
 * <p>Not provided: distributed key generation (the dealer in {@link
 * dev.jic.crypto.bls.BlsThreshold#deal} knows the master key; NI-DKG comes later) and hardening
 * against local timing side channels in the Java scalar arithmetic. See docs/CRYPTO.md.
 */
package dev.jic.crypto.bls;
