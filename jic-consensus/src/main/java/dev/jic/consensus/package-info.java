/**
 * Internet Computer Consensus (ICC) for one subnet.
 *
 * <p><b>Safety.</b> With n = 3f+1 replicas of which at most f are Byzantine, and under any
 * network behaviour (delay, loss, reordering, partitions): at most one block per height is
 * finalized across honest replicas, finalized chains are prefixes of each other, and every batch
 * handed to message routing comes from a finalized block, in height order, exactly once. This
 * rests on: notaries of a round share-sign only blocks of the lowest rank they have seen (so the
 * rank they sign never increases); a replica finality-signs a block only if it is the only
 * notarized block it knows at that height and it notarization-signed no other block there; and
 * every artifact from a peer is validated before it counts.
 *
 * <p><b>Liveness.</b> Once the network delivers within δ and the unit delay exceeds 2δ, every
 * round produces a notarized block, and a round whose rank-0 maker is honest finalizes within a
 * few δ (optimistic responsiveness). The random beacon (threshold f+1) makes the rank-0 maker
 * unpredictable.
 *
 * <p><b>Certification and catch-up.</b> Each replica signs the hash of each state it executed
 * with the high threshold key (2f+1), so two different states can never both be certified at
 * a height; every 500 heights (configurable) a catch-up package certifies the finalized summary
 * block, its beacon and the state hash there, the pool is purged below it, and a replica can
 * start from it. The validated pool is written to a {@link dev.jic.consensus.pool.PoolStore}
 * and synced before anything the replica signed is sent, so a restarted replica never signs a
 * conflicting share.
 *
 * <p>Structure: {@code artifact} (records, canonical codec, hashes), {@code crypto} (key material
 * behind {@link dev.jic.consensus.crypto.ConsensusCrypto}), {@code pool} (validated/unvalidated
 * sections, change sets), {@code roles} (one pure function per ICC role), and
 * {@link dev.jic.consensus.ConsensusReplica} (the single writer that drives them).
 */
package dev.jic.consensus;
