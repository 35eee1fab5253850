package dev.jic.consensus.roles;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.pool.PoolMutation;
import dev.jic.consensus.pool.PoolMutations;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.PoolMutationsProducer;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.TreeMap;

/**
 * Turns two validated proposals by one block maker at one height (and rank) into an
 * {@link EquivocationProof}, once per (height, signer), for heights in (finalized, notarized + 1].
 * The proof is broadcast so that every notary disqualifies the maker at that height even if it
 * saw only one of the two blocks.
 */
public final class EquivocationProver implements PoolMutationsProducer<PoolReader, PoolMutations> {
  public EquivocationProver(RoleContext ctx) {}

  @Override
  public PoolMutations onStateChange(PoolReader pool, Time now) {
    PoolMutations.Builder out = new PoolMutations.Builder();
    for (long v = pool.finalizedHeight().value() + 1; v <= pool.notarizedHeight().value() + 1; v++) {
      Height h = new Height(v);
      TreeMap<NodeId, BlockProposal> first = new TreeMap<>();
      java.util.Set<NodeId> proven = new java.util.TreeSet<>();
      pool.equivocationProofs(h).forEach(e -> proven.add(e.signer()));
      for (BlockProposal p : pool.proposals(h)) {
        BlockProposal prev = first.putIfAbsent(p.signer(), p);
        if (prev == null || prev.rank() != p.rank() || prev.blockHash().equals(p.blockHash())) {
          continue;
        }
        if (proven.add(p.signer())) {
          out.add(new PoolMutation.AddToValidated(EquivocationProof.of(prev, p)));
        }
      }
    }
    return out.build();
  }
}
