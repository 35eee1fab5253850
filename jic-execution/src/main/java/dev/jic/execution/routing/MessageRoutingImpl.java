package dev.jic.execution.routing;

import dev.jic.execution.scheduler.Scheduler;
import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.ReplicatedState;
import dev.jic.types.unit.Height;
import java.util.List;

/**
 * {@link MessageRouting} for a single subnet: each batch at the expected height sets the batch
 * height and time, inducts its ingress messages in batch order ({@link Induction}) and runs one
 * scheduler round ({@link Scheduler#executeRound}); then the expected height grows by one.
 * Deterministic: the state after batch h is a function of the state before and the batch.
 *
 * <p>Not thread-safe: consensus delivers from one thread. Batch time never goes backwards (a
 * smaller time is replaced by the previous one). Persisting the expected height across restarts
 * belongs to the state manager (not wired yet).
 */
public final class MessageRoutingImpl implements MessageRouting {
  private final ReplicatedState state;
  private final Scheduler scheduler;
  private final Induction induction;
  private Height expected;
  private Scheduler.RoundReport lastRound;

  public MessageRoutingImpl(ReplicatedState state, Scheduler scheduler, Induction induction) {
    this.state = state;
    this.scheduler = scheduler;
    this.induction = induction;
    this.expected = new Height(state.metadata().batchHeight().value() + 1);
  }

  @Override
  public Height expectedBatchHeight() {
    return expected;
  }

  @Override
  public DeliveryResult deliverBatch(Batch batch) {
    if (!batch.height().equals(expected)) {
      return DeliveryResult.WRONG_HEIGHT;
    }
    List<Ingress> parsed = batch.ingress().stream().map(Induction::parse).flatMap(java.util.Optional::stream)
        .toList();
    execute(batch.height(), batch.time().nanos(), batch.randomness(), parsed);
    return DeliveryResult.DELIVERED;
  }

  /** Executes one batch of already parsed ingress messages (drun, tests, benchmarks). */
  public Scheduler.RoundReport execute(Height height, long timeNanos, byte[] randomness, List<Ingress> ingress) {
    long time = Math.max(timeNanos, state.metadata().batchTimeNanos());
    state.setMetadata(state.metadata().atBatch(height, time));
    for (Ingress in : ingress) {
      induction.induct(state, in, time);
    }
    lastRound = scheduler.executeRound(state, randomness);
    expected = new Height(height.value() + 1);
    return lastRound;
  }

  /** The report of the last round, or null. */
  public Scheduler.RoundReport lastRound() {
    return lastRound;
  }

  /** The state this instance writes. */
  public ReplicatedState state() {
    return state;
  }

  /** The ingress messages of {@code batch} that parse (for callers that inspect them). */
  public static List<Ingress> parse(List<IngressMessage> ms) {
    return ms.stream().map(Induction::parse).flatMap(java.util.Optional::stream).toList();
  }
}
