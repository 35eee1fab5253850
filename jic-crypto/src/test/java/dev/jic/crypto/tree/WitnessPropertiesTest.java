package dev.jic.crypto.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.encoding.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of witnesses, lookup and CBOR over random labeled trees. Each try derives a tree and
 * path sets from a jqwik-chosen seed, so a failure reproduces from the reported seed. Labels come
 * from a small alphabet (including the empty label and 0xff, to exercise unsigned order) so that
 * requested paths both hit and miss.
 */
public class WitnessPropertiesTest {
  private static final byte[][] ALPHABET = {
    {}, {'a'}, {'b'}, {'b', 'a'}, {'c'}, {'d'}, {(byte) 0x7f}, {(byte) 0x80}, {(byte) 0xff}
  };

  static byte[] label(Random r) {
    return ALPHABET[r.nextInt(ALPHABET.length)];
  }

  static LabeledTree randomTree(Random r, int depth) {
    LabeledTree.Builder b = LabeledTree.builder();
    int n = depth == 0 ? 0 : r.nextInt(6);
    for (int i = 0; i < n; i++) {
      List<byte[]> p = List.of(label(r));
      if (r.nextInt(3) == 0) {
        byte[] v = new byte[r.nextInt(4)];
        r.nextBytes(v);
        b.put(p, v);
      } else {
        b.putSubtree(p, randomTree(r, depth - 1));
      }
    }
    return b.build();
  }

  static List<byte[]> randomPath(Random r) {
    List<byte[]> p = new ArrayList<>();
    int n = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      p.add(label(r));
    }
    return p;
  }

  static List<List<byte[]>> randomPaths(Random r) {
    List<List<byte[]>> ps = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      ps.add(randomPath(r));
    }
    return ps;
  }

  /** Lookup by walking the labeled tree directly: the reference for the hash tree lookup. */
  static LookupResult naiveLookup(LabeledTree t, List<byte[]> path) {
    for (byte[] l : path) {
      if (!(t instanceof LabeledTree.Node n)) {
        return LookupResult.ABSENT;
      }
      t = n.children().get(Label.of(l));
      if (t == null) {
        return LookupResult.ABSENT;
      }
    }
    return switch (t) {
      case LabeledTree.Value v -> new LookupResult.Found(v.value());
      case LabeledTree.Node n -> n.children().isEmpty() ? LookupResult.ABSENT : LookupResult.ERROR;
    };
  }

  @Property(tries = 500)
  void fullTreeLookupMatchesNaiveLookup(@ForAll long seed) throws DecodeException {
    Random r = new Random(seed);
    LabeledTree lt = randomTree(r, 3);
    HashTree full = lt.toHashTree();
    assertArrayEquals(lt.digest(), full.digest());
    HashTreeCbor.checkWellFormed(full, 0);
    for (int i = 0; i < 10; i++) {
      List<byte[]> p = randomPath(r);
      assertEquals(naiveLookup(lt, p), full.lookup(p));
    }
  }

  @Property(tries = 500)
  void witnessKeepsRootAndAnswersRequestedPaths(@ForAll long seed) throws DecodeException {
    Random r = new Random(seed);
    LabeledTree lt = randomTree(r, 3);
    HashTree full = lt.toHashTree();
    List<List<byte[]>> requested = randomPaths(r);
    HashTree w = lt.witness(requested);
    assertArrayEquals(lt.digest(), w.digest(), "witness root");
    HashTreeCbor.checkWellFormed(w, 0);
    for (List<byte[]> p : requested) {
      LookupResult expected = full.lookup(p);
      assertEquals(expected, w.lookup(p), () -> "requested path in " + w);
      // Missing requested paths are provably Absent, never Unknown.
      assertTrue(!(expected instanceof LookupResult.Absent) || w.lookup(p) instanceof LookupResult.Absent);
    }
    // Soundness: any other path answers as in the full tree, or Unknown.
    for (int i = 0; i < 10; i++) {
      List<byte[]> q = randomPath(r);
      LookupResult got = w.lookup(q);
      assertTrue(got instanceof LookupResult.Unknown || got.equals(full.lookup(q)), () -> "path in " + w);
    }
  }

  @Property(tries = 500)
  void cborRoundTrip(@ForAll long seed) throws DecodeException {
    Random r = new Random(seed);
    LabeledTree lt = randomTree(r, 3);
    HashTree w = lt.witness(randomPaths(r));
    byte[] bytes = HashTreeCbor.encode(w);
    HashTree back = HashTreeCbor.decode(bytes);
    assertEquals(w, back);
    assertArrayEquals(bytes, HashTreeCbor.encode(back));
  }

  @Property(tries = 1000)
  void mutatedCborFailsOnlyWithDecodeException(@ForAll long seed) {
    Random r = new Random(seed);
    LabeledTree lt = randomTree(r, 3);
    byte[] bytes = HashTreeCbor.encode(lt.witness(randomPaths(r)));
    byte[] m = mutate(bytes, r);
    try {
      HashTree t = HashTreeCbor.decode(m);
      // Whatever decodes is well formed and re-encodes to a decodable form.
      HashTreeCbor.checkWellFormed(t, 0);
      assertEquals(t, HashTreeCbor.decode(HashTreeCbor.encode(t)));
    } catch (DecodeException expected) {
      // the declared failure
    }
  }

  public static byte[] mutate(byte[] b, Random r) {
    int kind = r.nextInt(4);
    int i = r.nextInt(b.length);
    return switch (kind) {
      case 0 -> {
        byte[] c = b.clone();
        c[i] ^= (byte) (1 << r.nextInt(8));
        yield c;
      }
      case 1 -> java.util.Arrays.copyOf(b, i);
      case 2 -> {
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, i);
        c[i] = (byte) r.nextInt(256);
        System.arraycopy(b, i, c, i + 1, b.length - i);
        yield c;
      }
      default -> {
        byte[] c = b.clone();
        c[i] = (byte) r.nextInt(256);
        yield c;
      }
    };
  }
}
