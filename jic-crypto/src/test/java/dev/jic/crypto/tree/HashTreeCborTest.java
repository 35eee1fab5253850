package dev.jic.crypto.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jic.types.encoding.DecodeException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Well-formedness and structural checks of the hash tree decoder (certification.md well_formed). */
class HashTreeCborTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String LEAF_A = "83024161" + "820341aa"; // Labeled "a" (Leaf aa)
  private static final String LEAF_B = "83024162" + "820341bb"; // Labeled "b" (Leaf bb)

  private static void rejects(String hex) {
    assertThrows(DecodeException.class, () -> HashTreeCbor.decode(HEX.parseHex(hex)), hex);
  }

  @Test
  void acceptsWellFormedForestsAndTheSelfDescribeTag() throws DecodeException {
    HashTree t = HashTreeCbor.decode(HEX.parseHex("8301" + LEAF_A + LEAF_B));
    assertEquals(2, HashTreeLookup.flattenForks(t).size());
    assertEquals(t, HashTreeCbor.decode(HEX.parseHex("d9d9f7" + "8301" + LEAF_A + LEAF_B)));
    // A fork holding a pruned node between labels is fine, and so is a lone leaf.
    HashTreeCbor.decode(HEX.parseHex("8301" + LEAF_A + "8301" + "82045820" + "00".repeat(32) + LEAF_B));
    HashTreeCbor.decode(HEX.parseHex("820340"));
  }

  @Test
  void rejectsIllFormedTrees() {
    rejects("8301" + LEAF_B + LEAF_A); // labels out of order
    rejects("8301" + LEAF_A + LEAF_A); // duplicate label
    rejects("8301" + LEAF_A + "820341cc"); // leaf mixed with a label
    rejects("8301820341aa820341bb"); // two leaves in a forest
    rejects("83018203410081" + "00"); // leaf beside Empty
    rejects("83024161" + "8301" + LEAF_B + LEAF_A); // ill-formed below a label
  }

  @Test
  void rejectsStructuralErrors() {
    for (String bad :
        List.of(
            "", "00", "80", "8105", "8201", "820040", "8100" + "00", "8101", "83014161" + "8100",
            "830241618100" + "00", "8302616181" + "00", "82044100", "825821" + "00".repeat(33),
            "820361aa", "8203c240", "c18100", "d9d9f7d9d9f78100", "81f5", "813a7fffffff",
            "811b0000000100000000")) {
      rejects(bad);
    }
  }

  @Test
  void indefiniteLengthsAreAcceptedButNeverProduced() throws DecodeException {
    // CBOR allows indefinite lengths and the decoder accepts them; the encoder is always definite.
    HashTree t = HashTreeCbor.decode(HEX.parseHex("9f00ff"));
    assertEquals(HashTree.empty(), t);
    assertEquals("8100", HEX.formatHex(HashTreeCbor.encode(t)));
  }

  @Test
  void boundsNesting() throws DecodeException {
    StringBuilder deep = new StringBuilder();
    int n = HashTreeCbor.MAX_DEPTH + 5;
    for (int i = 0; i < n; i++) {
      deep.append("83024161");
    }
    deep.append("8100");
    rejects(deep.toString());
    StringBuilder ok = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      ok.append("83024161");
    }
    ok.append("8100");
    HashTreeCbor.decode(HEX.parseHex(ok.toString()));
  }
}
