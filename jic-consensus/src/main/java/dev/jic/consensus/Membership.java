package dev.jic.consensus;

import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Domains;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.NodeId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Committee arithmetic and beacon-seeded shuffles (PROTOCOL-DIGEST §0.1, §1.3). With n members,
 * f = (n−1)/3; the notary committee has 3f+1 members taken from the head of a shuffle (all
 * members when n = 3f+1); notarization and finalization need committee − f shares; the beacon
 * needs f+1; the first f+1 nodes of the block maker shuffle get ranks 0..f.
 *
 * <p>The shuffle is Fisher–Yates driven by SHA-256 in counter mode over
 * {@code SHA-256(dsep(purpose) || beacon hash)} with rejection sampling, so it is uniform and a
 * pure function of the beacon of the previous height.
 */
public final class Membership {
  private final List<NodeId> nodes;
  private final int f;

  /** {@code nodes} must be sorted ascending and distinct. */
  public Membership(List<NodeId> nodes) {
    this.nodes = List.copyOf(nodes);
    for (int i = 1; i < nodes.size(); i++) {
      if (nodes.get(i - 1).compareTo(nodes.get(i)) >= 0) {
        throw new IllegalArgumentException("members must be sorted and distinct");
      }
    }
    this.f = (Math.max(nodes.size(), 1) - 1) / 3;
  }

  public List<NodeId> nodes() {
    return nodes;
  }

  public int faultsTolerated() {
    return f;
  }

  public int committeeSize() {
    return 3 * f + 1;
  }

  /** Shares needed for a notarization or finalization: committee − f(committee) = 2f+1. */
  public int notarizationThreshold() {
    return committeeSize() - f;
  }

  public int beaconThreshold() {
    return f + 1;
  }

  /** Threshold of the high threshold key (certification, CUPs): committee − f. */
  public int highThreshold() {
    return committeeSize() - f;
  }

  public boolean isMember(NodeId n) {
    return java.util.Collections.binarySearch(nodes, n) >= 0;
  }

  /** The rank of {@code node} at the height whose previous beacon hashes to {@code prevBeacon}, or empty. */
  public OptionalLong rank(NodeId node, CryptoHash prevBeacon) {
    List<NodeId> s = shuffled(Domains.BLOCKMAKER_RANKING, prevBeacon);
    for (int i = 0; i <= f && i < s.size(); i++) {
      if (s.get(i).equals(node)) {
        return OptionalLong.of(i);
      }
    }
    return OptionalLong.empty();
  }

  /** The block maker with rank {@code rank}, or null if no node has it. */
  public NodeId blockMakerOfRank(long rank, CryptoHash prevBeacon) {
    if (rank < 0 || rank > f) {
      return null;
    }
    return shuffled(Domains.BLOCKMAKER_RANKING, prevBeacon).get((int) rank);
  }

  /** The notary committee at the height whose previous beacon is {@code prevBeacon} (sorted). */
  public List<NodeId> notaries(CryptoHash prevBeacon) {
    if (committeeSize() == nodes.size()) {
      return nodes;
    }
    List<NodeId> c = new ArrayList<>(shuffled(Domains.COMMITTEE_SAMPLING, prevBeacon).subList(0, committeeSize()));
    c.sort(null);
    return List.copyOf(c);
  }

  public boolean isNotary(NodeId node, CryptoHash prevBeacon) {
    return java.util.Collections.binarySearch(notaries(prevBeacon), node) >= 0;
  }

  /** The full shuffle for a purpose. */
  public List<NodeId> shuffled(String purpose, CryptoHash prevBeacon) {
    String key = purpose + prevBeacon.toHex();
    List<NodeId> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    if (cache.size() > 64) {
      cache.clear();
    }
    List<NodeId> r = computeShuffle(purpose, prevBeacon);
    cache.put(key, r);
    return r;
  }

  private final java.util.Map<String, List<NodeId>> cache = new java.util.HashMap<>(); // lookups only, never iterated

  private List<NodeId> computeShuffle(String purpose, CryptoHash prevBeacon) {
    List<NodeId> out = new ArrayList<>(nodes);
    Stream rng = new Stream(Sha.sha256(Sha.domainSeparator(purpose), prevBeacon.toBytes()));
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rng.below(i + 1);
      NodeId t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return List.copyOf(out);
  }

  /** SHA-256 counter-mode stream of 64-bit words. */
  private static final class Stream {
    private final byte[] seed;
    private long counter;
    private ByteBuffer block = ByteBuffer.allocate(0);

    Stream(byte[] seed) {
      this.seed = seed;
    }

    long next() {
      if (block.remaining() < 8) {
        MessageDigest md = Sha.sha256Digest();
        md.update(seed);
        md.update(ByteBuffer.allocate(8).putLong(counter++).array());
        block = ByteBuffer.wrap(md.digest());
      }
      return block.getLong();
    }

    /** Uniform in [0, bound) by rejection sampling. */
    int below(int bound) {
      long limit = Long.divideUnsigned(-1L, bound) * bound; // multiple of bound ≤ 2^64−1
      while (true) {
        long v = next();
        if (Long.compareUnsigned(v, limit) < 0) {
          return (int) Long.remainderUnsigned(v, bound);
        }
      }
    }
  }
}
