package dev.jic.consensus.pool;

import java.util.ArrayList;
import java.util.List;

/** An ordered change set returned by a role; applied atomically by {@link ConsensusPool#apply}. */
public record PoolMutations(List<PoolMutation> mutations) {
  public static final PoolMutations EMPTY = new PoolMutations(List.of());

  public PoolMutations {
    mutations = List.copyOf(mutations);
  }

  public boolean isEmpty() {
    return mutations.isEmpty();
  }

  public static PoolMutations of(PoolMutation... ms) {
    return new PoolMutations(List.of(ms));
  }

  /** A mutable builder; roles collect changes in it. */
  public static final class Builder {
    private final List<PoolMutation> list = new ArrayList<>();

    public Builder add(PoolMutation m) {
      list.add(m);
      return this;
    }

    public boolean isEmpty() {
      return list.isEmpty();
    }

    public PoolMutations build() {
      return new PoolMutations(list);
    }
  }
}
