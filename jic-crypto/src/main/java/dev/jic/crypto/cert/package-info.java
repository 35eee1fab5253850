/**
 * IC certificates: CBOR codec ({@link dev.jic.crypto.cert.CertificateCbor}), verification with
 * delegations and canister-range scoping ({@link dev.jic.crypto.cert.CertificateVerifier}),
 * signing ({@link dev.jic.crypto.cert.CertificateSigner}) and {@code /time} freshness against an
 * injected now ({@link dev.jic.crypto.cert.CertificateTime}).
 *
 * <p>Safety: a certificate is reported valid only if its BLS signature over
 * {@code 0x0D "ic-state-root" · root} verifies under the root key, or under a subnet key revealed
 * by a root-signed, non-nested delegation whose certified canister ranges (or subnet id) cover
 * the requested scope. Untrusted bytes never cause an exception other than the declared
 * {@link dev.jic.types.encoding.DecodeException}; verification failures are values.
 */
package dev.jic.crypto.cert;
