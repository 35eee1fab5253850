package dev.jic.testkit.sim;

import dev.jic.interfaces.consensus.Batch;
import dev.jic.interfaces.consensus.MessageRouting;
import dev.jic.types.unit.Height;
import java.util.ArrayList;
import java.util.List;

/** Message routing of a simulated replica: records batches and insists on consecutive heights. */
public final class SimMessageRouting implements MessageRouting {
  private Height expected = Height.of(1);
  private final List<Batch> batches = new ArrayList<>();

  @Override
  public Height expectedBatchHeight() {
    return expected;
  }

  @Override
  public DeliveryResult deliverBatch(Batch batch) {
    if (!batch.height().equals(expected)) {
      return DeliveryResult.WRONG_HEIGHT;
    }
    batches.add(batch);
    expected = expected.increment();
    return DeliveryResult.DELIVERED;
  }

  public List<Batch> batches() {
    return batches;
  }
}
