/**
 * User signatures: DER public keys of request senders ({@link dev.jic.crypto.sig.DerPublicKeys}
 * into the sealed {@link dev.jic.crypto.sig.UserPublicKey}) and their verification
 * ({@link dev.jic.crypto.sig.SignatureVerifier}: Ed25519, ECDSA P-256 and secp256k1 with
 * {@code r‖s} signatures, WebAuthn with P-256/Ed25519 COSE keys; canister signatures are
 * recognised but reported as unsupported).
 *
 * <p>Safety: a result is {@code Valid} only if the signature verifies under the exact key the DER
 * encodes; malformed keys are {@code DecodeException}s and malformed signatures {@code Invalid},
 * never unchecked exceptions. Deterministic; the only state is the optional
 * {@link dev.jic.crypto.sig.VerifiedSignatureCache}, an instance-owned bounded memo of
 * {@code Valid} answers, which never changes an outcome.
 */
package dev.jic.crypto.sig;
