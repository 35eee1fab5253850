package dev.jic.crypto.tree;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.encoding.DecodeException;
import java.util.List;

/**
 * CBOR form of hash trees (certificates.cddl): {@code [0] | [1, t, t] | [2, label, t] | [3, value]
 * | [4, hash]}.
 *
 * <p>Encoding is canonical: definite lengths and shortest integers. Decoding parses untrusted
 * bytes once into a {@link HashTree} that is guaranteed to be well formed: node tags 0..4 with the
 * right arity, byte strings where bytes are expected, no CBOR tags inside the tree, 32-byte pruned
 * hashes, nesting at most {@link #MAX_DEPTH}, labels strictly increasing within each forest and no
 * leaf next to a label or another leaf in a forest. Any violation is a {@link DecodeException};
 * nothing else escapes.
 */
public final class HashTreeCbor {
  /** Maximum nesting of tree nodes accepted by the decoder. */
  public static final int MAX_DEPTH = 128;

  private static final int EMPTY = 0;
  private static final int FORK = 1;
  private static final int LABELED = 2;
  private static final int LEAF = 3;
  private static final int PRUNED = 4;

  private HashTreeCbor() {}

  /** The canonical CBOR bytes of {@code tree} (no self-describe tag). */
  public static byte[] encode(HashTree tree) {
    CborBytesWriter w = new CborBytesWriter(256);
    write(tree, w);
    return w.toBytes();
  }

  /**
   * Writes the canonical CBOR of {@code tree} directly (the same bytes as encoding {@link
   * #toCbor} with the CBOR library, without building its object tree).
   */
  public static void write(HashTree tree, CborBytesWriter w) {
    switch (tree) {
      case HashTree.Empty e -> w.head(4, 1).head(0, EMPTY);
      case HashTree.Fork f -> {
        w.head(4, 3).head(0, FORK);
        write(f.left(), w);
        write(f.right(), w);
      }
      case HashTree.Labeled l -> {
        w.head(4, 3).head(0, LABELED).bytes(l.labelUnsafe());
        write(l.subtree(), w);
      }
      case HashTree.Leaf l -> w.head(4, 2).head(0, LEAF).bytes(l.valueUnsafe());
      case HashTree.Pruned p -> w.head(4, 2).head(0, PRUNED).bytes(p.digestUnsafe());
    }
  }

  /** The tree as a CBOR value, for embedding in a larger structure (certificates). */
  public static CBORObject toCbor(HashTree tree) {
    CBORObject a = CBORObject.NewArray();
    switch (tree) {
      case HashTree.Empty e -> a.Add(EMPTY);
      case HashTree.Fork f -> a.Add(FORK).Add(toCbor(f.left())).Add(toCbor(f.right()));
      case HashTree.Labeled l ->
          a.Add(LABELED).Add(CBORObject.FromObject(l.labelUnsafe())).Add(toCbor(l.subtree()));
      case HashTree.Leaf l -> a.Add(LEAF).Add(CBORObject.FromObject(l.value()));
      case HashTree.Pruned p -> a.Add(PRUNED).Add(CBORObject.FromObject(p.digest()));
    }
    return a;
  }

  /**
   * Decodes a hash tree from CBOR bytes (an optional outer self-describe tag 55799 is allowed).
   *
   * @throws DecodeException if the bytes are not CBOR, have trailing data, or are not a
   *     well-formed hash tree
   */
  public static HashTree decode(byte[] bytes) throws DecodeException {
    CBORObject o;
    try {
      o = CBORObject.DecodeFromBytes(bytes);
    } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
      throw new DecodeException("hash tree: invalid CBOR: " + e.getMessage(), e);
    }
    if (o.getTagCount() == 1 && o.HasMostOuterTag(55799)) {
      o = o.UntagOne();
    }
    return fromCbor(o);
  }

  /**
   * Converts a decoded CBOR value into a well-formed hash tree.
   *
   * @throws DecodeException if the value is not a well-formed hash tree (see class doc)
   */
  public static HashTree fromCbor(CBORObject o) throws DecodeException {
    HashTree t = node(o, 0);
    checkWellFormed(t, 0);
    return t;
  }

  private static HashTree node(CBORObject o, int depth) throws DecodeException {
    if (depth > MAX_DEPTH) {
      throw new DecodeException("hash tree nested deeper than " + MAX_DEPTH);
    }
    if (o == null || o.isTagged() || o.getType() != CBORType.Array || o.size() < 1) {
      throw new DecodeException("hash tree node is not a non-empty untagged array");
    }
    CBORObject kind = o.get(0);
    if (kind.isTagged() || kind.getType() != CBORType.Integer || !kind.CanValueFitInInt32()) {
      throw new DecodeException("hash tree node kind is not a small integer");
    }
    int k = kind.AsInt32Value();
    return switch (k) {
      case EMPTY -> {
        arity(o, 1, "Empty");
        yield HashTree.empty();
      }
      case FORK -> {
        arity(o, 3, "Fork");
        yield HashTree.fork(node(o.get(1), depth + 1), node(o.get(2), depth + 1));
      }
      case LABELED -> {
        arity(o, 3, "Labeled");
        yield HashTree.labeled(bytes(o.get(1), "label"), node(o.get(2), depth + 1));
      }
      case LEAF -> {
        arity(o, 2, "Leaf");
        yield HashTree.leaf(bytes(o.get(1), "leaf value"));
      }
      case PRUNED -> {
        arity(o, 2, "Pruned");
        byte[] h = bytes(o.get(1), "pruned hash");
        if (h.length != HashTree.DIGEST_LENGTH) {
          throw new DecodeException("pruned hash has " + h.length + " bytes, expected 32");
        }
        yield HashTree.pruned(h);
      }
      default -> throw new DecodeException("unknown hash tree node kind " + k);
    };
  }

  private static void arity(CBORObject o, int n, String what) throws DecodeException {
    if (o.size() != n) {
      throw new DecodeException(what + " node has " + o.size() + " elements, expected " + n);
    }
  }

  private static byte[] bytes(CBORObject o, String what) throws DecodeException {
    if (o.isTagged() || o.getType() != CBORType.ByteString) {
      throw new DecodeException(what + " is not an untagged byte string");
    }
    return o.GetByteString();
  }

  /**
   * Checks the spec's {@code well_formed}: a tree is a leaf, or a forest whose labels strictly
   * increase, which holds no leaves, and whose labeled subtrees are well formed.
   *
   * @throws DecodeException naming the first violation
   */
  public static void checkWellFormed(HashTree tree, int depth) throws DecodeException {
    if (depth > MAX_DEPTH) {
      throw new DecodeException("hash tree nested deeper than " + MAX_DEPTH);
    }
    if (tree instanceof HashTree.Leaf) {
      return;
    }
    List<HashTree> forest = HashTreeLookup.flattenForks(tree);
    byte[] previous = null;
    for (HashTree t : forest) {
      switch (t) {
        case HashTree.Leaf l ->
            throw new DecodeException("ill-formed hash tree: a leaf inside a forest");
        case HashTree.Labeled l -> {
          if (previous != null && HashTreeLookup.compare(previous, l.labelUnsafe()) >= 0) {
            throw new DecodeException(
                "ill-formed hash tree: label " + HashTreeLookup.show(l.labelUnsafe())
                    + " not after " + HashTreeLookup.show(previous));
          }
          previous = l.labelUnsafe();
          checkWellFormed(l.subtree(), depth + 1);
        }
        default -> {}
      }
    }
  }
}
