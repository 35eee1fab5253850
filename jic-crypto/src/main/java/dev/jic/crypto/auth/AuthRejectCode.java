package dev.jic.crypto.auth;

/**
 * Why a request envelope failed authentication. At the HTTP boundary the expiry codes
 * ({@link #INGRESS_EXPIRED}, {@link #INGRESS_EXPIRY_TOO_FAR}, {@link #DELEGATION_EXPIRED}) are 400,
 * every other code 403.
 */
public enum AuthRejectCode {
  /** {@code ingress_expiry} is before "now". */
  INGRESS_EXPIRED,
  /** {@code ingress_expiry} is more than 5 min 30 s after "now". */
  INGRESS_EXPIRY_TOO_FAR,
  /** A non-anonymous sender without both {@code sender_pubkey} and {@code sender_sig}. */
  MISSING_PUBKEY_OR_SIGNATURE,
  /** The anonymous sender with a public key, signature or delegation. */
  ANONYMOUS_WITH_CREDENTIALS,
  /** {@code sender_pubkey} or a delegation key is not a supported DER key. */
  MALFORMED_PUBLIC_KEY,
  /** {@code sender} is not the self-authenticating id of {@code sender_pubkey}. */
  SENDER_MISMATCH,
  /** {@code sender_sig} does not verify. */
  INVALID_SIGNATURE,
  /** The key kind cannot be verified here (RSA WebAuthn; canister signatures without a root key). */
  UNSUPPORTED_SIGNATURE,
  /** More than 20 delegations. */
  TOO_MANY_DELEGATIONS,
  /** A delegation's {@code expiration} is before "now". */
  DELEGATION_EXPIRED,
  /** A delegation's signature does not verify. */
  INVALID_DELEGATION_SIGNATURE,
  /** A key appears twice in the chain (a cycle or a self-delegation). */
  DELEGATION_CYCLE,
  /** A delegation's {@code permissions} is neither "queries" nor "all". */
  INVALID_DELEGATION_PERMISSIONS,
  /** The called canister is outside the delegations' targets. */
  TARGET_NOT_ALLOWED,
  /** An update call through a chain that contains a "queries" delegation. */
  QUERIES_ONLY_DELEGATION,
  /** {@code sender_info} without a canister-signature sender key, or with another signer. */
  SENDER_INFO_NOT_ALLOWED,
  /** {@code sender_info}'s {@code sig} is not a valid canister signature of its {@code info}. */
  INVALID_SENDER_INFO_SIGNATURE
}
