package dev.jic.consensus;

import dev.jic.consensus.artifact.Certification;
import dev.jic.consensus.pool.PoolReader;
import dev.jic.interfaces.consensus.StateCertificate;
import dev.jic.interfaces.consensus.StateCertification;
import dev.jic.interfaces.consensus.StateHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands validated certifications above the certified height to the state manager, in height
 * order. A certification whose hash differs from this replica's own state at that height means
 * this replica computed a different state from the subnet: that can never heal, so it throws
 * {@link DivergedStateException} and the replica stops (STYLE.md rule 5).
 */
public final class CertificationDelivery {
  private CertificationDelivery() {}

  /** The state at a certified height differs from the subnet's certified hash. */
  public static final class DivergedStateException extends IllegalStateException {
    public DivergedStateException(String message) {
      super(message);
    }
  }

  /** Delivers what it can; returns the certificates the state manager accepted. */
  public static List<StateCertificate> deliver(PoolReader pool, StateCertification state) {
    List<StateCertificate> out = new ArrayList<>();
    for (Certification c : pool.certificationsAbove(state.latestCertifiedHeight())) {
      StateCertificate sc = new StateCertificate(c.height(), StateHash.of(c.content().stateHash().toBytes()), c.signature().toBytes());
      switch (state.deliverCertification(sc)) {
        case CERTIFIED -> out.add(sc);
        case NO_STATE -> {}
        case DIVERGED -> throw new DivergedStateException("state at height " + c.height() + " diverged from the certified hash "
            + c.content().stateHash().toHex());
      }
    }
    return out;
  }
}
