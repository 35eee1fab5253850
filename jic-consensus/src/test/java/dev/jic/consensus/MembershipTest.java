package dev.jic.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.consensus.artifact.CryptoHash;
import dev.jic.types.id.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MembershipTest {
  static List<NodeId> nodes(int n) {
    List<NodeId> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(NodeId.of(new byte[] {0x10, (byte) i, 0x01}));
    }
    return l;
  }

  @Test
  void thresholdsFollowTheIc() {
    // PROTOCOL-DIGEST §0.1: f=(n-1)/3, committee 3f+1, notarization committee - f, beacon f+1.
    Membership m4 = new Membership(nodes(4));
    assertEquals(1, m4.faultsTolerated());
    assertEquals(3, m4.notarizationThreshold());
    assertEquals(2, m4.beaconThreshold());
    Membership m13 = new Membership(nodes(13));
    assertEquals(4, m13.faultsTolerated());
    assertEquals(9, m13.notarizationThreshold());
    Membership m6 = new Membership(nodes(6));
    assertEquals(4, m6.committeeSize());
    assertEquals(4, m6.notaries(CryptoHash.ZERO).size());
  }

  @Property(tries = 200)
  void ranksAreAPermutationPrefix(@ForAll @IntRange(min = 1, max = 20) int n, @ForAll long seed) {
    Membership m = new Membership(nodes(n));
    CryptoHash beacon = CryptoHash.compute("beacon", java.nio.ByteBuffer.allocate(8).putLong(seed).array());
    Set<Long> ranks = new HashSet<>();
    for (NodeId id : m.nodes()) {
      m.rank(id, beacon).ifPresent(r -> assertTrue(ranks.add(r), "rank given twice"));
    }
    assertEquals(m.faultsTolerated() + 1, ranks.size());
    for (long r = 0; r <= m.faultsTolerated(); r++) {
      assertEquals(r, m.rank(m.blockMakerOfRank(r, beacon), beacon).getAsLong());
    }
  }

  @Test
  void rankZeroIsSpreadAcrossNodes() {
    Membership m = new Membership(nodes(4));
    int[] count = new int[4];
    for (int i = 0; i < 4000; i++) {
      NodeId z = m.blockMakerOfRank(0, CryptoHash.compute("b", java.nio.ByteBuffer.allocate(4).putInt(i).array()));
      count[m.nodes().indexOf(z)]++;
    }
    for (int c : count) {
      assertTrue(c > 850 && c < 1150, "rank 0 share " + c + " of 4000 is far from uniform");
    }
  }
}
