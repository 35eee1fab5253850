package dev.jic.crypto.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.types.encoding.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors from the interface spec, certification.md section "Example" (dfinity/
 * developer-docs docs/references/ic-interface-spec/certification.md; IC-INTERFACE-DIGEST §4.2).
 */
class HashTreeGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The spec's example hash tree, CBOR copied from certification.md "Example". */
  static final String SPEC_TREE_CBOR =
      "8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162"
          + "820344676f6f648301830241638100830241648203476d6f726e696e67";

  /** The spec's pruning of that tree for /a/y, /ax, /d (certification.md "Example"). */
  static final String SPEC_PRUNED_CBOR =
      "83018301830241618301820458201b4feff9bef8131788b0c9dc6dbad6e81e524249c879e9f10f71ce3749"
          + "f5a63883024179820345776f726c6483024162820458207b32ac0c6ba8ce35ac82c255fc7906f7fc13"
          + "0dab2a090f80fe12f9c2cae83ba6830182045820ec8324b8a1f1ac16bd2e806edba78006479c9877fe"
          + "d4eb464a25485465af601d830241648203476d6f726e696e67";

  /** Root hash given by the spec for both trees. */
  static final String SPEC_ROOT = "eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The spec's example tree, built by hand in the exact shape drawn in certification.md. */
  static HashTree specTree() {
    return HashTree.fork(
        HashTree.fork(
            HashTree.labeled(
                "a",
                HashTree.fork(
                    HashTree.fork(
                        HashTree.labeled("x", HashTree.leaf(utf8("hello"))), HashTree.empty()),
                    HashTree.labeled("y", HashTree.leaf(utf8("world"))))),
            HashTree.labeled("b", HashTree.leaf(utf8("good")))),
        HashTree.fork(
            HashTree.labeled("c", HashTree.empty()),
            HashTree.labeled("d", HashTree.leaf(utf8("morning")))));
  }

  @Test
  void emptyDigest() {
    // IC-INTERFACE-DIGEST §4.2 (computed SHA-256 of 0x11 "ic-hashtree-empty"; same constant as
    // EMPTY_HASH in dfinity/ic rs/state_manager/src/tree_hash.rs).
    assertEquals(
        "4e3ed35c4e2d1ee89996483fb6260a64cffb6c47dbab216e7930e82f8190d120",
        HEX.formatHex(HashTree.empty().digest()));
  }

  @Test
  void specTreeRootAndCbor() throws DecodeException {
    HashTree t = specTree();
    assertEquals(SPEC_ROOT, HEX.formatHex(t.digest()));
    assertEquals(SPEC_TREE_CBOR, HEX.formatHex(HashTreeCbor.encode(t)));
    assertEquals(t, HashTreeCbor.decode(HEX.parseHex(SPEC_TREE_CBOR)));
  }

  @Test
  void specPrunedTreeHasSameRootAndRoundTrips() throws DecodeException {
    HashTree p = HashTreeCbor.decode(HEX.parseHex(SPEC_PRUNED_CBOR));
    assertEquals(SPEC_ROOT, HEX.formatHex(p.digest()));
    assertEquals(SPEC_PRUNED_CBOR, HEX.formatHex(HashTreeCbor.encode(p)));
  }

  @Test
  void specLookupsInPrunedTree() throws DecodeException {
    // The eight lookups listed under the pruned tree in certification.md "Example".
    HashTree p = HashTreeCbor.decode(HEX.parseHex(SPEC_PRUNED_CBOR));
    assertEquals(LookupResult.UNKNOWN, p.lookup("a", "a"));
    assertEquals(new LookupResult.Found(utf8("world")), p.lookup("a", "y"));
    assertEquals(LookupResult.ABSENT, p.lookup("aa"));
    assertEquals(LookupResult.ABSENT, p.lookup("ax"));
    assertEquals(LookupResult.UNKNOWN, p.lookup("b"));
    assertEquals(LookupResult.UNKNOWN, p.lookup("bb"));
    assertEquals(new LookupResult.Found(utf8("morning")), p.lookup("d"));
    assertEquals(LookupResult.ABSENT, p.lookup("e"));
  }

  @Test
  void lookupsInFullTreeCoverAllOutcomes() {
    HashTree t = specTree();
    assertEquals(new LookupResult.Found(utf8("hello")), t.lookup("a", "x"));
    assertEquals(LookupResult.ERROR, t.lookup("a"));
    assertEquals(LookupResult.ERROR, t.lookup());
    assertEquals(LookupResult.ABSENT, t.lookup("c"));
    assertEquals(LookupResult.ABSENT, t.lookup("c", "z"));
    assertEquals(LookupResult.ABSENT, t.lookup("b", "z"));
    assertEquals(LookupResult.ABSENT, t.lookup("a", "xx"));
    assertEquals(LookupResult.ABSENT, t.lookup("0"));
    assertInstanceOf(SubtreeLookup.Found.class, t.lookupSubtree("a"));
    assertEquals(new SubtreeLookup.Absent(), t.lookupSubtree("bb"));
    assertEquals(
        List.of("hello", "world"),
        HashTreeLookup.lookupAll(t, LabeledTree.path("a")).stream()
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .toList());
  }

  @Test
  void witnessOfSpecDataProvesAxAbsentWithLabelB() {
    LabeledTree lt =
        LabeledTree.builder()
            .put(LabeledTree.path("a", "x"), utf8("hello"))
            .put(LabeledTree.path("a", "y"), utf8("world"))
            .put(LabeledTree.path("b"), utf8("good"))
            .putNode(LabeledTree.path("c"))
            .put(LabeledTree.path("d"), utf8("morning"))
            .build();
    assertArrayEquals(lt.digest(), lt.toHashTree().digest());
    HashTree w =
        lt.witness(List.of(LabeledTree.path("a", "y"), LabeledTree.path("ax"), LabeledTree.path("d")));
    assertArrayEquals(lt.digest(), w.digest());
    assertEquals(new LookupResult.Found(utf8("world")), w.lookup("a", "y"));
    assertEquals(LookupResult.ABSENT, w.lookup("ax"));
    assertEquals(new LookupResult.Found(utf8("morning")), w.lookup("d"));
    assertEquals(LookupResult.UNKNOWN, w.lookup("a", "x"));
    // "b" is there as a label whose content is pruned: that is what proves /ax absent.
    SubtreeLookup b = w.lookupSubtree("b");
    assertInstanceOf(HashTree.Pruned.class, ((SubtreeLookup.Found) b).subtree());
    assertEquals(LookupResult.UNKNOWN, w.lookup("b"));
  }

  @Test
  void emptyRequestPrunesEverythingAndEmptyPathRevealsEverything() {
    LabeledTree lt = LabeledTree.builder().put(LabeledTree.path("t"), utf8("v")).build();
    assertEquals(HashTree.pruned(lt.digest()), lt.witness(List.of()));
    assertEquals(lt.toHashTree(), lt.witness(List.of(List.of())));
  }
}
