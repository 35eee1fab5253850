package dev.jic.replica.subnet;

import dev.jic.consensus.crypto.BlsKeyMaterial;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The keys of a local n-node subnet, dealt once at network creation and kept under
 * {@code <data>/keys/}: a dealer seed from which {@link BlsKeyMaterial} derives every node's
 * consensus keys and the two threshold keys (the high one, 2f+1 of n, is the subnet's root key,
 * so certifications made by consensus verify as IC certificates), each node's Ed25519 signing key
 * (query signatures; its self-authenticating id is the node id), and the genesis time every
 * replica starts from. The subnet id is the self-authenticating id of the DER root key.
 *
 * <p>The dealer (like the IC's {@code ic-prep}) knows every secret; that is acceptable for a local
 * network only (NI-DKG is a later issue). {@link BlsKeyMaterial#deal} takes a 64-bit seed, so the
 * threshold keys carry 64 bits of entropy.
 *
 * @param material every node's consensus keys
 * @param nodeKeys the nodes' signing keys, in ascending node-id order (index = node number)
 * @param rootKeyDer the DER (133 bytes) subnet public key
 * @param subnetId the subnet id
 * @param genesisTimeNanos the time of the genesis state and catch-up package
 */
public record SubnetKeys(BlsKeyMaterial material, List<NodeSigningKey> nodeKeys, byte[] rootKeyDer, SubnetId subnetId,
    long genesisTimeNanos) {

  public SubnetKeys {
    nodeKeys = List.copyOf(nodeKeys);
    rootKeyDer = rootKeyDer.clone();
  }

  @Override
  public byte[] rootKeyDer() {
    return rootKeyDer.clone();
  }

  /** The node ids in ascending order. */
  public List<NodeId> nodeIds() {
    return nodeKeys.stream().map(NodeSigningKey::nodeId).toList();
  }

  /**
   * Deals the keys of an {@code n}-node subnet from fixed seeds: deterministic, for tests and for
   * {@link #loadOrCreate}.
   */
  public static SubnetKeys deal(long dealerSeed, List<byte[]> nodeSeeds, long genesisTimeNanos) {
    List<NodeSigningKey> keys = new ArrayList<>();
    for (byte[] s : nodeSeeds) {
      keys.add(NodeSigningKey.fromSeed(s));
    }
    keys.sort((a, b) -> a.nodeId().compareTo(b.nodeId()));
    List<NodeId> ids = keys.stream().map(NodeSigningKey::nodeId).toList();
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i).equals(ids.get(i - 1))) {
        throw new IllegalArgumentException("two nodes with the same key");
      }
    }
    // The threshold keys depend on the seed only; the subnet id (bound into block signatures) on
    // the root key. Deal once to learn the root key, then again bound to the subnet id.
    BlsKeyMaterial probe = BlsKeyMaterial.deal(SubnetId.of(new byte[] {0}), ids, dealerSeed);
    byte[] der = BlsDer.encode(probe.subnetPublicKey());
    SubnetId subnet = new SubnetId(PrincipalId.selfAuthenticating(der));
    return new SubnetKeys(BlsKeyMaterial.deal(subnet, ids, dealerSeed), keys, der, subnet, genesisTimeNanos);
  }

  /**
   * Loads the keys of an {@code n}-node network under {@code dir}, or deals and stores new ones
   * (seeds from the OS random source, genesis time {@code nowNanos}) if there are none.
   *
   * @throws UncheckedIOException if the files cannot be read or written, are malformed, or hold
   *     a network of another size
   */
  public static SubnetKeys loadOrCreate(Path dir, int n, long nowNanos) {
    try {
      Files.createDirectories(dir);
      Path size = dir.resolve("subnet-nodes");
      if (Files.exists(size)) {
        String s = Files.readString(size, StandardCharsets.US_ASCII).strip();
        if (!s.equals(Integer.toString(n))) {
          throw new IOException(dir + " holds the keys of a " + s + "-node network, not " + n
              + " (use --clean or another --data directory)");
        }
      }
      long dealer = ByteBuffer.wrap(seed(dir.resolve("subnet-dealer.seed"), 8)).getLong();
      List<byte[]> seeds = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        seeds.add(seed(dir.resolve("subnet-node-" + i + ".seed"), 32));
      }
      Path genesis = dir.resolve("subnet-genesis-time");
      if (!Files.exists(genesis)) {
        write(genesis, Long.toString(nowNanos));
      }
      long genesisTime;
      try {
        genesisTime = Long.parseLong(Files.readString(genesis, StandardCharsets.US_ASCII).strip());
      } catch (NumberFormatException e) {
        throw new IOException(genesis + ": not a number", e);
      }
      write(size, Integer.toString(n));
      return deal(dealer, seeds, genesisTime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] seed(Path f, int length) throws IOException {
    if (Files.exists(f)) {
      String hex = Files.readString(f, StandardCharsets.US_ASCII).strip();
      try {
        byte[] s = HexFormat.of().parseHex(hex);
        if (s.length != length) {
          throw new IOException(f + ": expected " + length + " bytes, got " + s.length);
        }
        return s;
      } catch (IllegalArgumentException e) {
        throw new IOException(f + ": not hex", e);
      }
    }
    byte[] s = new byte[length];
    new SecureRandom().nextBytes(s);
    write(f, HexFormat.of().formatHex(s));
    return s;
  }

  private static void write(Path f, String text) throws IOException {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, text + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: default permissions
    }
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
