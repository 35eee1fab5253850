package dev.jic.consensus.crypto;

import dev.jic.consensus.artifact.BlockMetadata;
import dev.jic.consensus.artifact.RandomBeaconContent;
import dev.jic.consensus.artifact.Signature;
import dev.jic.consensus.artifact.SignedContent;
import dev.jic.types.id.NodeId;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The signing and verification one replica needs, per artifact kind. An instance is bound to one
 * node's secret keys (for signing) and to the subnet's public keys (for verifying anyone).
 *
 * <p>Verification never throws on untrusted signature bytes: malformed bytes verify as false.
 * Signing methods throw only on bugs (e.g. a node without keys). Implementations are
 * deterministic: the same key material and message give the same signature.
 */
public interface ConsensusCrypto {

  /** The node whose secret keys this instance holds. */
  NodeId self();

  /** Block maker signature (Ed25519 with the node signing key) over {@code m.signedBytes()}. */
  Signature signBlockMetadata(BlockMetadata m);

  boolean verifyBlockMetadata(NodeId signer, BlockMetadata m, Signature s);

  /** Multi-signature share (notarization or finalization content). */
  Signature signMultiShare(SignedContent c);

  boolean verifyMultiShare(NodeId signer, SignedContent c, Signature s);

  /** Aggregates individual shares on the same content; empty if any share does not combine. */
  Optional<Signature> aggregateMulti(SignedContent c, SortedMap<NodeId, Signature> shares);

  /** Verifies an aggregate over {@code c} by exactly {@code signers} (caller checks threshold and membership). */
  boolean verifyMultiAggregate(List<NodeId> signers, SignedContent c, Signature s);

  /** Threshold-signature share with {@code key} on {@code c.signedBytes()}, as this node. */
  Signature signThresholdShare(ThresholdKey key, SignedContent c);

  /** Whether {@code s} is {@code signer}'s valid share with {@code key} on {@code c}; false for non-members and malformed bytes. */
  boolean verifyThresholdShare(ThresholdKey key, NodeId signer, SignedContent c, Signature s);

  /**
   * Combines at least the threshold of {@code key} of valid shares into the unique threshold
   * signature; empty if too few shares or combination fails. The result does not depend on which
   * shares were combined.
   */
  Optional<Signature> combineThreshold(ThresholdKey key, SignedContent c, SortedMap<NodeId, Signature> shares);

  /** Whether {@code s} is the threshold signature with {@code key} on {@code c}. */
  boolean verifyThreshold(ThresholdKey key, SignedContent c, Signature s);

  /** Threshold-signature share on beacon content (low threshold, f+1). */
  default Signature signBeaconShare(RandomBeaconContent c) {
    return signThresholdShare(ThresholdKey.LOW, c);
  }

  default boolean verifyBeaconShare(NodeId signer, RandomBeaconContent c, Signature s) {
    return verifyThresholdShare(ThresholdKey.LOW, signer, c, s);
  }

  /** Combines beacon shares (low threshold). */
  default Optional<Signature> combineBeacon(RandomBeaconContent c, SortedMap<NodeId, Signature> shares) {
    return combineThreshold(ThresholdKey.LOW, c, shares);
  }

  default boolean verifyBeacon(RandomBeaconContent c, Signature s) {
    return verifyThreshold(ThresholdKey.LOW, c, s);
  }
}
