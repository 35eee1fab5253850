package dev.jic.crypto.cert;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsSecretKey;
import dev.jic.crypto.tree.HashTree;
import dev.jic.types.hash.Sha;
import java.util.Optional;

/**
 * Produces certificates: a BLS signature over {@code 0x0D "ic-state-root" · root_hash}. Used by
 * tests and by single-key setups; a real subnet combines threshold signature shares over the same
 * message ({@link #signedMessage}).
 */
public final class CertificateSigner {
  private static final byte[] STATE_ROOT_SEP = Sha.domainSeparator("ic-state-root");

  private CertificateSigner() {}

  /** The bytes a certificate signature covers: {@code 0x0D "ic-state-root" · rootHash}. */
  public static byte[] signedMessage(byte[] rootHash) {
    byte[] out = new byte[STATE_ROOT_SEP.length + rootHash.length];
    System.arraycopy(STATE_ROOT_SEP, 0, out, 0, STATE_ROOT_SEP.length);
    System.arraycopy(rootHash, 0, out, STATE_ROOT_SEP.length, rootHash.length);
    return out;
  }

  /** A certificate for {@code tree} signed with {@code key}, without delegation (a root key). */
  public static Certificate sign(HashTree tree, BlsSecretKey key) {
    return new Certificate(tree, BlsBasic.sign(key, signedMessage(tree.digest())), Optional.empty());
  }

  /** A certificate for {@code tree} signed with a subnet {@code key}, carrying {@code delegation}. */
  public static Certificate sign(HashTree tree, BlsSecretKey key, Delegation delegation) {
    return new Certificate(
        tree, BlsBasic.sign(key, signedMessage(tree.digest())), Optional.of(delegation));
  }
}
