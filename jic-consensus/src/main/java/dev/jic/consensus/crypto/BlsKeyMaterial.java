package dev.jic.consensus.crypto;

import dev.jic.consensus.artifact.BlockMetadata;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.artifact.SignedContent;
import dev.jic.crypto.bls.BlsException;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.bls.BlsMultiSig;
import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.bls.BlsThreshold;
import dev.jic.crypto.bls.ThresholdKeys;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Real key material dealt at network creation: per node an Ed25519 signing key (block makers)
 * and a BLS multi-signature key pair with a proof of possession checked at dealing time
 * (notarization, finalization), a threshold-BLS key with threshold f+1 for the random beacon and
 * tape, and a second threshold-BLS key with threshold 2f+1 (the subnet key) for certifications and
 * catch-up packages (share index = the node's position in the sorted member list). Deterministic in the seed: for
 * tests and local networks; a production dealer must use fresh entropy.
 */
public final class BlsKeyMaterial implements KeyMaterial {
  private final SubnetId subnet;
  private final List<NodeId> nodes;
  private final Map<NodeId, Ed25519PrivateKeyParameters> edSecret = new TreeMap<>();
  private final Map<NodeId, Ed25519PublicKeyParameters> edPublic = new TreeMap<>();
  private final Map<NodeId, BlsKeyPair> multi = new TreeMap<>();
  private final ThresholdKeys beacon;
  private final ThresholdKeys high;

  private BlsKeyMaterial(SubnetId subnet, List<NodeId> nodes, byte[] seed) {
    this.subnet = subnet;
    this.nodes = List.copyOf(nodes.stream().sorted().toList());
    for (int i = 0; i < this.nodes.size(); i++) {
      NodeId n = this.nodes.get(i);
      Ed25519PrivateKeyParameters sk = new Ed25519PrivateKeyParameters(derive(seed, "ed25519", i), 0);
      edSecret.put(n, sk);
      edPublic.put(n, sk.generatePublicKey());
      BlsKeyPair kp = BlsMultiSig.keyPairFromSeed(derive(seed, "multi", i));
      if (!BlsMultiSig.verifyPossession(kp.publicKey(), BlsMultiSig.proveKnowledge(kp))) {
        throw new BlsException("proof of possession failed at dealing");
      }
      multi.put(n, kp);
    }
    int f = (this.nodes.size() - 1) / 3;
    this.beacon = BlsThreshold.deal(f + 1, this.nodes.size(), derive(seed, "beacon", 0));
    this.high = BlsThreshold.deal(2 * f + 1, this.nodes.size(), derive(seed, "high", 0));
  }

  private static byte[] derive(byte[] seed, String purpose, int i) {
    return Sha.sha256(Sha.domainSeparator("jic-dealer-" + purpose), seed, ByteBuffer.allocate(4).putInt(i).array());
  }

  /** Deals keys for {@code nodes} from {@code seed}. */
  public static BlsKeyMaterial deal(SubnetId subnet, List<NodeId> nodes, long seed) {
    return new BlsKeyMaterial(subnet, nodes, ByteBuffer.allocate(8).putLong(seed).array());
  }

  @Override
  public SubnetId subnetId() {
    return subnet;
  }

  @Override
  public List<NodeId> nodes() {
    return nodes;
  }

  @Override
  public int beaconThreshold() {
    return beacon.threshold();
  }

  @Override
  public int highThreshold() {
    return high.threshold();
  }

  /** The subnet public key (the high threshold key's master public key). */
  public BlsPublicKey subnetPublicKey() {
    return high.publicKey();
  }

  private ThresholdKeys keys(ThresholdKey k) {
    return k == ThresholdKey.LOW ? beacon : high;
  }

  @Override
  public ConsensusCrypto forNode(NodeId node) {
    int idx = Collections.binarySearch(nodes, node);
    if (idx < 0) {
      throw new IllegalArgumentException("not a member: " + node);
    }
    return new Crypto(node, idx);
  }

  private static Optional<BlsSignature> bls(Signature s) {
    try {
      return Optional.of(BlsSignature.fromBytes(s.toBytes()));
    } catch (BlsException e) {
      return Optional.empty();
    }
  }

  private final class Crypto implements ConsensusCrypto {
    private final NodeId self;
    private final int index;

    Crypto(NodeId self, int index) {
      this.self = self;
      this.index = index;
    }

    @Override
    public NodeId self() {
      return self;
    }

    @Override
    public Signature signBlockMetadata(BlockMetadata m) {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, edSecret.get(self));
      byte[] msg = m.signedBytes(subnet);
      s.update(msg, 0, msg.length);
      return Signature.of(s.generateSignature());
    }

    @Override
    public boolean verifyBlockMetadata(NodeId signer, BlockMetadata m, Signature sig) {
      Ed25519PublicKeyParameters pk = edPublic.get(signer);
      if (pk == null || sig.length() != 64) {
        return false;
      }
      Ed25519Signer s = new Ed25519Signer();
      s.init(false, pk);
      byte[] msg = m.signedBytes(subnet);
      s.update(msg, 0, msg.length);
      return s.verifySignature(sig.toBytes());
    }

    @Override
    public Signature signMultiShare(SignedContent c) {
      return Signature.of(BlsMultiSig.sign(multi.get(self).secretKey(), c.signedBytes()).toBytes());
    }

    @Override
    public boolean verifyMultiShare(NodeId signer, SignedContent c, Signature s) {
      BlsKeyPair kp = multi.get(signer);
      Optional<BlsSignature> b = bls(s);
      return kp != null && b.isPresent() && BlsMultiSig.verifyIndividual(kp.publicKey(), b.get(), c.signedBytes());
    }

    @Override
    public Optional<Signature> aggregateMulti(SignedContent c, SortedMap<NodeId, Signature> shares) {
      List<BlsSignature> sigs = new ArrayList<>();
      for (Signature s : shares.values()) {
        Optional<BlsSignature> b = bls(s);
        if (b.isEmpty()) {
          return Optional.empty();
        }
        sigs.add(b.get());
      }
      try {
        return Optional.of(Signature.of(BlsMultiSig.aggregate(sigs).toBytes()));
      } catch (BlsException e) {
        return Optional.empty();
      }
    }

    @Override
    public boolean verifyMultiAggregate(List<NodeId> signers, SignedContent c, Signature s) {
      List<BlsPublicKey> pks = new ArrayList<>();
      for (NodeId n : signers) {
        BlsKeyPair kp = multi.get(n);
        if (kp == null) {
          return false;
        }
        pks.add(kp.publicKey());
      }
      Optional<BlsSignature> b = bls(s);
      try {
        return b.isPresent() && !pks.isEmpty() && BlsMultiSig.verifyAggregate(pks, b.get(), c.signedBytes());
      } catch (BlsException e) {
        return false;
      }
    }

    @Override
    public Signature signThresholdShare(ThresholdKey key, SignedContent c) {
      return Signature.of(BlsThreshold.signShare(keys(key).secretShares().get(index), c.signedBytes()).toBytes());
    }

    @Override
    public boolean verifyThresholdShare(ThresholdKey key, NodeId signer, SignedContent c, Signature s) {
      int i = Collections.binarySearch(nodes, signer);
      Optional<BlsSignature> b = bls(s);
      return i >= 0 && b.isPresent() && BlsThreshold.verifyShare(keys(key).sharePublicKeys().get(i), b.get(), c.signedBytes());
    }

    @Override
    public Optional<Signature> combineThreshold(ThresholdKey key, SignedContent c, SortedMap<NodeId, Signature> shares) {
      ThresholdKeys k = keys(key);
      SortedMap<Integer, BlsSignature> byIndex = new TreeMap<>();
      for (var e : shares.entrySet()) {
        int i = Collections.binarySearch(nodes, e.getKey());
        Optional<BlsSignature> b = bls(e.getValue());
        if (i < 0 || b.isEmpty()) {
          return Optional.empty();
        }
        byIndex.put(i, b.get());
      }
      if (byIndex.size() < k.threshold()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Signature.of(BlsThreshold.combine(k.threshold(), byIndex).toBytes()));
      } catch (BlsException e) {
        return Optional.empty();
      }
    }

    @Override
    public boolean verifyThreshold(ThresholdKey key, SignedContent c, Signature s) {
      Optional<BlsSignature> b = bls(s);
      return b.isPresent() && BlsThreshold.verify(keys(key).publicKey(), b.get(), c.signedBytes());
    }
  }
}
