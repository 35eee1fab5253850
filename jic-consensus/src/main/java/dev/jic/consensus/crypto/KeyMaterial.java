package dev.jic.consensus.crypto;

import dev.jic.types.id.NodeId;
import dev.jic.types.id.SubnetId;
import java.util.List;

/**
 * The keys of one subnet as dealt at network creation (`jic network init`): the sorted members,
 * their public keys and, because a dealer made them, every node's secrets. NI-DKG and resharing
 * replace the dealer in a later issue; code depends only on this interface and
 * {@link ConsensusCrypto}.
 */
public interface KeyMaterial {

  SubnetId subnetId();

  /** Members in ascending {@link NodeId} order. */
  List<NodeId> nodes();

  /** Threshold of the beacon (low) threshold key: f+1. */
  int beaconThreshold();

  /** Threshold of the high threshold key (certification, CUPs): committee − f = 2f+1. */
  int highThreshold();

  /** The crypto of one member; throws {@link IllegalArgumentException} for a non-member. */
  ConsensusCrypto forNode(NodeId node);
}
