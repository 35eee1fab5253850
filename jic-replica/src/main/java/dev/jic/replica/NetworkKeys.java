package dev.jic.replica;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The keys of a local network, dealt once at network creation and kept under
 * {@code <data>/keys/}: the subnet's threshold BLS key (1-of-1 for one node: the secret is the
 * whole key) and the node's Ed25519 signing key. The subnet id is the self-authenticating id of
 * the subnet's DER public key, and it is also the root subnet (a one-subnet network).
 *
 * @param subnetKey the subnet's (root) BLS key pair
 * @param nodeKey the node's Ed25519 key (query signatures, {@code /subnet/<sid>/node/<nid>})
 */
public record NetworkKeys(BlsKeyPair subnetKey, NodeSigningKey nodeKey) {

  /** The DER root key served by {@code /api/v2/status}. */
  public byte[] rootKeyDer() {
    return BlsDer.encode(subnetKey.publicKey());
  }

  /** The subnet id. */
  public SubnetId subnetId() {
    return new SubnetId(PrincipalId.selfAuthenticating(rootKeyDer()));
  }

  /**
   * Loads the keys under {@code dir}, or deals and stores new ones (from the OS random source) if
   * there are none.
   *
   * @throws UncheckedIOException if the files cannot be read or written, or are malformed
   */
  public static NetworkKeys loadOrCreate(Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] subnetSeed = seed(dir.resolve("subnet-threshold-key.seed"));
      byte[] nodeSeed = seed(dir.resolve("node-signing-key.seed"));
      return new NetworkKeys(BlsBasic.keyPairFromSeed(subnetSeed), NodeSigningKey.fromSeed(nodeSeed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keys from fixed seeds (tests). */
  public static NetworkKeys fromSeeds(byte[] subnetSeed, byte[] nodeSeed) {
    return new NetworkKeys(BlsBasic.keyPairFromSeed(subnetSeed), NodeSigningKey.fromSeed(nodeSeed));
  }

  private static byte[] seed(Path f) throws IOException {
    if (Files.exists(f)) {
      String hex = Files.readString(f, StandardCharsets.US_ASCII).strip();
      try {
        byte[] s = HexFormat.of().parseHex(hex);
        if (s.length != 32) {
          throw new IOException(f + ": a key seed has 32 bytes, got " + s.length);
        }
        return s;
      } catch (IllegalArgumentException e) {
        throw new IOException(f + ": not hex", e);
      }
    }
    byte[] s = new byte[32];
    new SecureRandom().nextBytes(s);
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, HexFormat.of().formatHex(s) + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: default permissions
    }
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
    return s;
  }
}
