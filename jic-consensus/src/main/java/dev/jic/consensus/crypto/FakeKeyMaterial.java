package dev.jic.consensus.crypto;

import dev.jic.consensus.artifact.BlockMetadata;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.artifact.SignedContent;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A cheap stand-in for real keys in large simulations: a "signature" is SHA-256 over a per-node
 * secret and the message; aggregates hash the sorted individual signatures; the beacon's
 * threshold signature is SHA-256 over a subnet secret and the message, so it is unique whatever
 * shares combine (like real threshold BLS). Every verifier knows every secret: this protects
 * against accidents and simulated Byzantine nodes that do not forge on purpose, not against real
 * attackers. Never use outside tests and simulation.
 */
public record FakeKeyMaterial(SubnetId subnetId, List<NodeId> nodes, int beaconThreshold, int highThreshold, byte[] seed) implements KeyMaterial {

  public FakeKeyMaterial {
    nodes = List.copyOf(nodes.stream().sorted().toList());
    seed = seed.clone();
  }

  /** Deals fake keys for {@code nodes} (f = (n−1)/3, beacon threshold f+1, high threshold 2f+1). */
  public static FakeKeyMaterial deal(SubnetId subnet, List<NodeId> nodes, long seed) {
    int f = (nodes.size() - 1) / 3;
    return new FakeKeyMaterial(subnet, nodes, f + 1, 2 * f + 1, ByteBuffer.allocate(8).putLong(seed).array());
  }

  @Override
  public ConsensusCrypto forNode(NodeId node) {
    if (!nodes.contains(node)) {
      throw new IllegalArgumentException("not a member: " + node);
    }
    return new Crypto(node);
  }

  private byte[] mac(String purpose, byte[] who, byte[] msg) {
    MessageDigest md = Sha.sha256Digest();
    md.update(seed);
    md.update(Sha.domainSeparator(purpose));
    md.update(who);
    md.update(msg);
    return md.digest();
  }

  private final class Crypto implements ConsensusCrypto {
    private final NodeId self;
    private final Map<NodeId, Boolean> members = new HashMap<>();

    Crypto(NodeId self) {
      this.self = self;
      for (NodeId n : nodes) {
        members.put(n, Boolean.TRUE);
      }
    }

    @Override
    public NodeId self() {
      return self;
    }

    private Signature sig(String purpose, NodeId who, byte[] msg) {
      return Signature.of(mac(purpose, who.toBytes(), msg));
    }

    private boolean check(String purpose, NodeId who, byte[] msg, Signature s) {
      return members.containsKey(who) && Arrays.equals(mac(purpose, who.toBytes(), msg), s.toBytes());
    }

    @Override
    public Signature signBlockMetadata(BlockMetadata m) {
      return sig("basic", self, m.signedBytes(subnetId));
    }

    @Override
    public boolean verifyBlockMetadata(NodeId signer, BlockMetadata m, Signature s) {
      return check("basic", signer, m.signedBytes(subnetId), s);
    }

    @Override
    public Signature signMultiShare(SignedContent c) {
      return sig("multi", self, c.signedBytes());
    }

    @Override
    public boolean verifyMultiShare(NodeId signer, SignedContent c, Signature s) {
      return check("multi", signer, c.signedBytes(), s);
    }

    @Override
    public Optional<Signature> aggregateMulti(SignedContent c, SortedMap<NodeId, Signature> shares) {
      MessageDigest md = Sha.sha256Digest();
      for (Signature s : shares.values()) {
        md.update(s.toBytes());
      }
      return Optional.of(Signature.of(md.digest()));
    }

    @Override
    public boolean verifyMultiAggregate(List<NodeId> signers, SignedContent c, Signature s) {
      MessageDigest md = Sha.sha256Digest();
      byte[] msg = c.signedBytes();
      for (NodeId n : signers) {
        if (!members.containsKey(n)) {
          return false;
        }
        md.update(mac("multi", n.toBytes(), msg));
      }
      return Arrays.equals(md.digest(), s.toBytes());
    }

    @Override
    public Signature signThresholdShare(ThresholdKey key, SignedContent c) {
      return sig("threshold-share-" + key, self, c.signedBytes());
    }

    @Override
    public boolean verifyThresholdShare(ThresholdKey key, NodeId signer, SignedContent c, Signature s) {
      return check("threshold-share-" + key, signer, c.signedBytes(), s);
    }

    @Override
    public Optional<Signature> combineThreshold(ThresholdKey key, SignedContent c, SortedMap<NodeId, Signature> shares) {
      if (shares.size() < (key == ThresholdKey.LOW ? beaconThreshold : highThreshold)) {
        return Optional.empty();
      }
      return Optional.of(Signature.of(mac("threshold-" + key, new byte[0], c.signedBytes())));
    }

    @Override
    public boolean verifyThreshold(ThresholdKey key, SignedContent c, Signature s) {
      return Arrays.equals(mac("threshold-" + key, new byte[0], c.signedBytes()), s.toBytes());
    }
  }
}
