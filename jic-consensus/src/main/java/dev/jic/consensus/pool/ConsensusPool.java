package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.BlockProposal;
import dev.jic.consensus.artifact.CatchUpPackage;
import dev.jic.consensus.artifact.CatchUpShare;
import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.artifact.CertificationShare;
import dev.jic.consensus.artifact.EquivocationProof;
import dev.jic.consensus.artifact.RandomTape;
import dev.jic.consensus.artifact.RandomTapeShare;
import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.consensus.artifact.ConsensusMessageId;
import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.consensus.artifact.Finalization;
import dev.jic.consensus.artifact.FinalizationShare;
import dev.jic.consensus.artifact.Notarization;
import dev.jic.consensus.artifact.NotarizationShare;
import dev.jic.consensus.artifact.RandomBeacon;
import dev.jic.consensus.artifact.RandomBeaconShare;
import dev.jic.interfaces.consensus.Time;
import dev.jic.types.id.NodeId;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A replica's consensus pool: an unvalidated section (artifacts from peers, not yet trusted) and
 * a validated section (artifacts that passed validation or were made here). Only
 * {@link #apply} changes the validated section; it is the single writer (STYLE.md rule 6). Not
 * thread-safe: the replica's one protocol thread owns it. Every validated artifact is also
 * appended to a {@link PoolStore}, and a pool can be rebuilt from its store after a restart.
 * A pool starts from a catch-up package (the genesis CUP or a later one): its block counts as
 * notarized and finalized and its beacon as validated; nothing below it exists.
 *
 * <p>HashMaps here serve lookups only; every list handed out comes from insertion-ordered or
 * sorted structures, so iteration order never depends on hashing.
 */
public final class ConsensusPool implements PoolReader {

  private static final class Bucket {
    RandomBeacon beacon;
    final List<RandomBeaconShare> beaconShares = new ArrayList<>();
    final List<BlockProposal> proposals = new ArrayList<>();
    final List<Notarization> notarizations = new ArrayList<>();
    final List<NotarizationShare> notarizationShares = new ArrayList<>();
    final List<Finalization> finalizations = new ArrayList<>();
    final List<FinalizationShare> finalizationShares = new ArrayList<>();
    final List<ConsensusMessageId> ids = new ArrayList<>();
    final List<CertificationShare> certificationShares = new ArrayList<>();
    Certification certification;
    final List<CatchUpShare> catchUpShares = new ArrayList<>();
    final List<RandomTapeShare> tapeShares = new ArrayList<>();
    RandomTape tape;
    final List<EquivocationProof> proofs = new ArrayList<>();
    Time notarizedAt;
    Time beaconAt;
  }

  private final TreeMap<Height, Bucket> validated = new TreeMap<>();
  private final Map<ConsensusMessageId, ConsensusMessage> validatedById = new HashMap<>();
  private final Map<CryptoHash, BlockProposal> blocks = new HashMap<>();
  private final Map<CryptoHash, Boolean> notarizedBlocks = new HashMap<>();
  private final TreeMap<ConsensusMessageId, Unvalidated> unvalidated = new TreeMap<>();
  private Height notarized = Height.ZERO;
  private Height finalized = Height.ZERO;
  private Height beaconHeight = Height.ZERO;
  private Height purgedBelow = Height.ZERO;
  private final TreeMap<Height, Certification> certifications = new TreeMap<>();
  private CatchUpPackage catchUp;
  private PoolStore store = PoolStore.none();

  /**
   * A pool holding only {@code base} (block, notarization, finalization and beacon at height 0
   * for genesis), validated at {@code time}, with nothing stored.
   */
  public ConsensusPool(List<ConsensusMessage> base, Time time) {
    for (ConsensusMessage m : base) {
      insertValidated(ConsensusCodec.id(m), m, time);
    }
  }

  /**
   * A pool resuming from {@code cup} (whose block, notarization, finalization and beacon are
   * {@code base}) and then from every artifact in {@code store} at or above the CUP height,
   * validated at {@code time}; from then on it appends to {@code store}. If the store holds a
   * higher CUP, the pool is based on that one instead.
   */
  public static ConsensusPool resume(CatchUpPackage cup, java.util.function.Function<CatchUpPackage, List<ConsensusMessage>> base,
      PoolStore store, Time time) {
    List<ConsensusMessage> stored = store.load();
    CatchUpPackage best = cup;
    for (ConsensusMessage m : stored) {
      if (m instanceof CatchUpPackage c && c.height().isAfter(best.height())) {
        best = c;
      }
    }
    ConsensusPool pool = new ConsensusPool(base.apply(best), time);
    pool.insertValidated(ConsensusCodec.id(best), best, time);
    pool.purgedBelow = best.height();
    for (ConsensusMessage m : stored) {
      pool.insertValidated(ConsensusCodec.id(m), m, time);
    }
    pool.store = store;
    return pool;
  }

  /**
   * Makes the highest CUP the base of the pool when it lies above the finalized height (a CUP
   * from peers let this replica jump ahead): {@code base} (its block, notarization,
   * finalization and beacon, vouched for by the CUP) is inserted without being stored, and
   * everything below the CUP is purged. Returns whether anything changed.
   */
  public boolean adoptCatchUp(List<ConsensusMessage> base, Time now) {
    CatchUpPackage cup = catchUpPackage();
    if (!cup.height().isAfter(finalized)) {
      return false;
    }
    PoolStore s = store;
    store = PoolStore.none();
    for (ConsensusMessage m : base) {
      insertValidated(ConsensusCodec.id(m), m, now);
    }
    store = s;
    purgeValidatedBelow(cup.height());
    unvalidated.headMap(firstIdAbove(cup.height())).keySet().removeIf(id -> id.kind() != dev.jic.consensus.artifact.ArtifactKind.CATCH_UP_PACKAGE);
    return true;
  }

  /** The store validated artifacts go to. */
  public PoolStore store() {
    return store;
  }

  /** Adds a peer's artifact to the unvalidated section unless known; returns whether it was added. */
  public boolean addUnvalidated(ConsensusMessage m, Time now, NodeId from) {
    ConsensusMessageId id = ConsensusCodec.id(m);
    if (validatedById.containsKey(id) || unvalidated.containsKey(id)) {
      return false;
    }
    unvalidated.put(id, new Unvalidated(id, m, now, from));
    return true;
  }

  /** The outcome of applying a change set. */
  public record Applied(List<ConsensusMessage> added, List<ConsensusMessage> moved, List<PoolMutation.HandleInvalid> invalid) {}

  /** Applies {@code ms} in order; the only writer of the pool. */
  public Applied apply(PoolMutations ms, Time now) {
    List<ConsensusMessage> added = new ArrayList<>();
    List<ConsensusMessage> moved = new ArrayList<>();
    List<PoolMutation.HandleInvalid> invalid = new ArrayList<>();
    for (PoolMutation m : ms.mutations()) {
      switch (m) {
        case PoolMutation.AddToValidated a -> {
          ConsensusMessageId id = ConsensusCodec.id(a.message());
          unvalidated.remove(id);
          if (insertValidated(id, a.message(), now)) {
            added.add(a.message());
          }
        }
        case PoolMutation.MoveToValidated mv -> {
          Unvalidated u = unvalidated.remove(mv.id());
          if (u != null && insertValidated(mv.id(), u.message(), now)) {
            moved.add(u.message());
          }
        }
        case PoolMutation.RemoveFromUnvalidated r -> unvalidated.remove(r.id());
        case PoolMutation.HandleInvalid h -> {
          if (unvalidated.remove(h.id()) != null) {
            invalid.add(h);
          }
        }
        case PoolMutation.PurgeValidatedBelow p -> purgeValidatedBelow(p.height());
        case PoolMutation.PurgeUnvalidatedAtOrBelow p -> unvalidated.headMap(firstIdAbove(p.height())).keySet()
            .removeIf(id -> p.kinds().contains(id.kind()));
        case PoolMutation.PurgeSharesAtOrBelow p -> {
          for (Bucket b : validated.headMap(p.height(), true).values()) {
            for (NotarizationShare s : b.notarizationShares) {
              validatedById.remove(ConsensusCodec.id(s));
            }
            for (FinalizationShare s : b.finalizationShares) {
              validatedById.remove(ConsensusCodec.id(s));
            }
            b.notarizationShares.clear();
            b.finalizationShares.clear();
          }
        }
        case PoolMutation.PurgeCertificationSharesAtOrBelow p -> {
          for (Bucket b : validated.headMap(p.height(), true).values()) {
            for (CertificationShare s : b.certificationShares) {
              validatedById.remove(ConsensusCodec.id(s));
            }
            b.certificationShares.clear();
          }
        }
      }
    }
    return new Applied(added, moved, invalid);
  }

  private static ConsensusMessageId firstIdAbove(Height h) {
    return new ConsensusMessageId(dev.jic.consensus.artifact.ArtifactKind.values()[0], h.increment(), CryptoHash.ZERO);
  }

  private void purgeValidatedBelow(Height h) {
    if (!h.isAfter(purgedBelow)) {
      return;
    }
    NavigableMap<Height, Bucket> head = validated.headMap(h, false);
    for (Bucket b : head.values()) {
      for (ConsensusMessageId id : b.ids) {
        validatedById.remove(id);
      }
      for (BlockProposal p : b.proposals) {
        blocks.remove(p.blockHash());
        notarizedBlocks.remove(p.blockHash());
      }
      for (Notarization n : b.notarizations) {
        notarizedBlocks.remove(n.content().blockHash());
      }
    }
    head.clear();
    certifications.headMap(h, false).clear();
    purgedBelow = h;
    store.purgeBelow(h);
  }

  private boolean insertValidated(ConsensusMessageId id, ConsensusMessage m, Time now) {
    if (validatedById.containsKey(id) || m.height().isBefore(purgedBelow)) {
      return false;
    }
    validatedById.put(id, m);
    Bucket b = validated.computeIfAbsent(m.height(), k -> new Bucket());
    b.ids.add(id);
    store.append(m);
    switch (m) {
      case RandomBeacon r -> {
        if (b.beacon == null) {
          b.beacon = r;
          b.beaconAt = now;
          if (r.height().isAfter(beaconHeight)) {
            beaconHeight = r.height();
          }
        }
      }
      case RandomBeaconShare s -> b.beaconShares.add(s);
      case BlockProposal p -> {
        b.proposals.add(p);
        blocks.putIfAbsent(p.blockHash(), p);
      }
      case Notarization n -> {
        b.notarizations.add(n);
        notarizedBlocks.put(n.content().blockHash(), Boolean.TRUE);
        if (b.notarizedAt == null) {
          b.notarizedAt = now;
        }
        if (n.height().isAfter(notarized)) {
          notarized = n.height();
        }
      }
      case NotarizationShare s -> b.notarizationShares.add(s);
      case Finalization f -> {
        b.finalizations.add(f);
        if (f.height().isAfter(finalized)) {
          finalized = f.height();
        }
      }
      case FinalizationShare s -> b.finalizationShares.add(s);
      case CertificationShare s -> b.certificationShares.add(s);
      case Certification c -> {
        if (b.certification == null) {
          b.certification = c;
          certifications.put(c.height(), c);
        }
      }
      case CatchUpShare s -> b.catchUpShares.add(s);
      case CatchUpPackage c -> {
        if (catchUp == null || c.height().isAfter(catchUp.height())) {
          catchUp = c;
        }
      }
      case RandomTapeShare s -> b.tapeShares.add(s);
      case RandomTape t -> {
        if (b.tape == null) {
          b.tape = t;
        }
      }
      case EquivocationProof p -> b.proofs.add(p);
    }
    return true;
  }

  private Bucket bucket(Height h) {
    return validated.get(h);
  }

  @Override
  public Height notarizedHeight() {
    return notarized;
  }

  @Override
  public Height finalizedHeight() {
    return finalized;
  }

  @Override
  public Height beaconHeight() {
    return beaconHeight;
  }

  @Override
  public Height purgedBelow() {
    return purgedBelow;
  }

  @Override
  public Optional<RandomBeacon> beacon(Height h) {
    Bucket b = bucket(h);
    return b == null ? Optional.empty() : Optional.ofNullable(b.beacon);
  }

  @Override
  public List<RandomBeaconShare> beaconShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.beaconShares);
  }

  @Override
  public List<BlockProposal> proposals(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.proposals);
  }

  @Override
  public Optional<BlockProposal> block(CryptoHash hash) {
    return Optional.ofNullable(blocks.get(hash));
  }

  @Override
  public List<Notarization> notarizations(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.notarizations);
  }

  @Override
  public boolean isNotarized(CryptoHash blockHash) {
    return notarizedBlocks.containsKey(blockHash);
  }

  @Override
  public List<NotarizationShare> notarizationShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.notarizationShares);
  }

  @Override
  public List<Finalization> finalizations(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.finalizations);
  }

  @Override
  public List<FinalizationShare> finalizationShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.finalizationShares);
  }

  @Override
  public Optional<Time> notarizedAt(Height h) {
    Bucket b = bucket(h);
    return b == null ? Optional.empty() : Optional.ofNullable(b.notarizedAt);
  }

  @Override
  public Optional<Time> beaconAt(Height h) {
    Bucket b = bucket(h);
    return b == null ? Optional.empty() : Optional.ofNullable(b.beaconAt);
  }

  @Override
  public List<CertificationShare> certificationShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.certificationShares);
  }

  @Override
  public Optional<Certification> certification(Height h) {
    return Optional.ofNullable(certifications.get(h));
  }

  @Override
  public List<Certification> certificationsAbove(Height h) {
    return List.copyOf(certifications.tailMap(h, false).values());
  }

  @Override
  public List<CatchUpShare> catchUpShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.catchUpShares);
  }

  @Override
  public CatchUpPackage catchUpPackage() {
    if (catchUp == null) {
      throw new IllegalStateException("pool built without a catch-up package");
    }
    return catchUp;
  }

  @Override
  public List<RandomTapeShare> tapeShares(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.tapeShares);
  }

  @Override
  public Optional<RandomTape> tape(Height h) {
    Bucket b = bucket(h);
    return b == null ? Optional.empty() : Optional.ofNullable(b.tape);
  }

  @Override
  public List<EquivocationProof> equivocationProofs(Height h) {
    Bucket b = bucket(h);
    return b == null ? List.of() : List.copyOf(b.proofs);
  }

  @Override
  public List<ConsensusMessage> validatedFrom(Height h) {
    List<ConsensusMessage> out = new ArrayList<>();
    for (Bucket b : validated.tailMap(h, true).values()) {
      for (ConsensusMessageId id : b.ids) {
        ConsensusMessage m = validatedById.get(id);
        if (m != null) {
          out.add(m);
        }
      }
    }
    return out;
  }

  @Override
  public List<Unvalidated> unvalidated() {
    return List.copyOf(unvalidated.values());
  }

  @Override
  public List<Unvalidated> unvalidatedAtOrBelow(Height h) {
    return List.copyOf(unvalidated.headMap(firstIdAbove(h)).values());
  }

  @Override
  public List<Unvalidated> unvalidatedAbove(Height h) {
    return List.copyOf(unvalidated.tailMap(firstIdAbove(h)).values());
  }

  @Override
  public boolean contains(ConsensusMessageId id) {
    return validatedById.containsKey(id) || unvalidated.containsKey(id);
  }

  /** Sizes, for tests and metrics: validated and unvalidated artifact counts. */
  public int validatedCount() {
    return validatedById.size();
  }

  public int unvalidatedCount() {
    return unvalidated.size();
  }
}
