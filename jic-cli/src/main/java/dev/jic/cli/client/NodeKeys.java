package dev.jic.cli.client;

import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.crypto.tree.SubtreeLookup;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DER public keys of the nodes that may sign query responses for a canister, read once per
 * effective canister id from a certified {@code read_state} of {@code /subnet}
 * ({@code /subnet/<sid>/node/<nid>/public_key}), as {@code @dfinity/agent} does. Thread-safe.
 */
final class NodeKeys {
  private static final byte[] SUBNET = "subnet".getBytes(StandardCharsets.UTF_8);
  private final IcAgent agent;
  private final Map<CanisterId, HashTree> trees = new ConcurrentHashMap<>();

  NodeKeys(IcAgent agent) {
    this.agent = agent;
  }

  /** The DER key of node {@code nodeId} (raw principal bytes) if it belongs to a subnet certified for {@code ecid}. */
  Optional<byte[]> key(CanisterId ecid, byte[] nodeId) throws AgentException {
    HashTree tree = trees.get(ecid);
    if (tree == null) {
      tree = agent.readState(ecid, List.of(List.of(SUBNET)));
      trees.put(ecid, tree);
    }
    if (!(HashTreeLookup.lookupSubtree(tree, List.of(SUBNET)) instanceof SubtreeLookup.Found subnets)) {
      return Optional.empty();
    }
    for (HashTree t : HashTreeLookup.flattenForks(subnets.subtree())) {
      if (t instanceof HashTree.Labeled l) {
        List<byte[]> path = List.of(SUBNET, l.label(), utf8("node"), nodeId, utf8("public_key"));
        if (HashTreeLookup.lookupPath(tree, path) instanceof LookupResult.Found f) {
          return Optional.of(f.value());
        }
      }
    }
    return Optional.empty();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
