package dev.jic.cli.client;

import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.PrincipalId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signs requests: an Ed25519 key (BouncyCastle, through {@link NodeSigningKey}) or the
 * anonymous principal. Immutable.
 *
 * @param name the identity's name in the store ({@code anonymous} for the anonymous one)
 * @param key the signing key, empty for anonymous
 */
public record Identity(String name, Optional<NodeSigningKey> key) {

  /** Null is a programming error (NPE). */
  public Identity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
  }

  /** The identity of a 32-byte Ed25519 seed. */
  public static Identity ed25519(String name, byte[] seed) {
    return new Identity(name, Optional.of(NodeSigningKey.fromSeed(seed)));
  }

  /** The anonymous identity: unsigned requests from {@code 2vxsx-fae}. */
  public static Identity anonymous() {
    return new Identity("anonymous", Optional.empty());
  }

  /** The principal requests are sent as: self-authenticating from the DER key, or anonymous. */
  public PrincipalId principal() {
    return key.map(k -> PrincipalId.selfAuthenticating(k.publicKeyDer())).orElse(PrincipalId.ANONYMOUS);
  }

  /** The DER public key, empty for anonymous. */
  public Optional<byte[]> publicKeyDer() {
    return key.map(NodeSigningKey::publicKeyDer);
  }

  /** The sender signature of a request: Ed25519 over {@code "\x0Aic-request" · id}; empty for anonymous. */
  public Optional<byte[]> signRequest(RequestId id) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] sep = Sha.domainSeparator("ic-request");
    byte[] msg = Arrays.copyOf(sep, sep.length + RequestId.LENGTH);
    System.arraycopy(id.toBytes(), 0, msg, sep.length, RequestId.LENGTH);
    return Optional.of(key.get().sign(msg));
  }
}
