/**
 * Boundaries between consensus and the layers around it.
 *
 * <p>Consensus reads time from a {@link dev.jic.interfaces.consensus.TimeSource}, takes ingress
 * messages from an {@link dev.jic.interfaces.consensus.IngressSelector} and hands finalized blocks,
 * in height order and exactly once, to {@link dev.jic.interfaces.consensus.MessageRouting} as
 * {@link dev.jic.interfaces.consensus.Batch}es, and certifies the states the state manager
 * commits through {@link dev.jic.interfaces.consensus.StateCertification}. Components that change an artifact pool implement
 * {@link dev.jic.interfaces.consensus.PoolMutationsProducer}: they only read the pool and return the
 * changes they want; one writer applies them.
 */
package dev.jic.interfaces.consensus;
