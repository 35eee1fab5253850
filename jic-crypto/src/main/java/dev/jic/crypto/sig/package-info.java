/**
 * User signatures: DER public keys of request senders ({@link dev.jic.crypto.sig.DerPublicKeys}
 * into the sealed {@link dev.jic.crypto.sig.UserPublicKey}) and their verification
 * ({@link dev.jic.crypto.sig.SignatureVerifier}: Ed25519, ECDSA P-256 and secp256k1 with
 * {@code r‖s} signatures, WebAuthn with P-256/Ed25519 COSE keys, and canister signatures
 * ({@link dev.jic.crypto.sig.CanisterSignatureVerifier}) against a given IC root key; without a
 * root key canister signatures are reported as unsupported).
 *
 * <p>Safety: a result is {@code Valid} only if the signature verifies under the exact key the DER
 * encodes; malformed keys are {@code DecodeException}s and malformed signatures {@code Invalid},
 * never unchecked exceptions. A canister signature is {@code Valid} only if a certificate that
 * verifies under the given root key (directly, or through a root-signed delegation whose ranges
 * contain the signing canister, from a subnet that is not {@code cloud_engine}) certifies, as the
 * canister's {@code certified_data}, a tree holding {@code sig/H(seed)/H(message) = ""}.
 * Deterministic (no clock: certificate time is not checked); the only state is the optional
 * {@link dev.jic.crypto.sig.VerifiedSignatureCache}, an instance-owned bounded memo of
 * {@code Valid} answers, which never changes an outcome.
 */
package dev.jic.crypto.sig;
