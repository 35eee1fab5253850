package dev.jic.crypto.tree;

import dev.jic.types.hash.Sha;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A (possibly pruned) IC hash tree, interface spec "Certification": Empty, Fork, Labeled, Leaf
 * or Pruned. Immutable; byte arrays are copied in and out.
 *
 * <p>{@link #digest()} is the spec's {@code reconstruct} with the IC domain separators, so a tree
 * and any pruning of it have the same digest. {@link #lookup(List)} is the spec's
 * {@code lookup_path}; its answers are only meaningful for well-formed trees (labels strictly
 * increasing within a forest, no leaves mixed with labels), which {@link HashTreeCbor#decode}
 * guarantees for decoded trees.
 */
public sealed interface HashTree
    permits HashTree.Empty, HashTree.Fork, HashTree.Labeled, HashTree.Leaf, HashTree.Pruned {

  /** Length of a digest (SHA-256) in bytes. */
  int DIGEST_LENGTH = 32;

  /** The root hash of this tree (32 bytes, a fresh array). */
  byte[] digest();

  /** The empty tree. */
  static HashTree empty() {
    return Empty.INSTANCE;
  }

  /** A fork of two trees. */
  static HashTree fork(HashTree left, HashTree right) {
    return new Fork(left, right);
  }

  /** A labeled subtree; the label is copied. */
  static HashTree labeled(byte[] label, HashTree subtree) {
    return new Labeled(label, subtree);
  }

  /** A labeled subtree with an ASCII/UTF-8 label. */
  static HashTree labeled(String label, HashTree subtree) {
    return new Labeled(label.getBytes(java.nio.charset.StandardCharsets.UTF_8), subtree);
  }

  /** A leaf holding {@code value} (copied). */
  static HashTree leaf(byte[] value) {
    return new Leaf(value);
  }

  /** A pruned subtree standing for {@code digest} (exactly 32 bytes). */
  static HashTree pruned(byte[] digest) {
    return new Pruned(digest);
  }

  /**
   * Looks up the value at {@code path} (spec {@code lookup_path}): Found for a leaf, Absent if
   * the tree proves the path is not there, Unknown if pruning hides the answer, Error if the path
   * ends at an inner node.
   */
  default LookupResult lookup(List<byte[]> path) {
    return HashTreeLookup.lookupPath(this, path);
  }

  /** {@link #lookup(List)} with labels given as UTF-8 strings or byte arrays. */
  default LookupResult lookup(Object... path) {
    return HashTreeLookup.lookupPath(this, HashTreeLookup.labels(path));
  }

  /** Looks up the subtree at {@code path}: Found (the subtree), Absent or Unknown. */
  default SubtreeLookup lookupSubtree(List<byte[]> path) {
    return HashTreeLookup.lookupSubtree(this, path);
  }

  /** {@link #lookupSubtree(List)} with labels given as UTF-8 strings or byte arrays. */
  default SubtreeLookup lookupSubtree(Object... path) {
    return HashTreeLookup.lookupSubtree(this, HashTreeLookup.labels(path));
  }

  /** The empty tree; its digest is {@code H(0x11 "ic-hashtree-empty")}. */
  final class Empty implements HashTree {
    static final Empty INSTANCE = new Empty();
    private static final byte[] DIGEST = Sha.sha256(Sha.domainSeparator("ic-hashtree-empty"));

    private Empty() {}

    @Override
    public byte[] digest() {
      return DIGEST.clone();
    }

    @Override
    public String toString() {
      return "Empty";
    }
  }

  /** Two subtrees; digest {@code H(0x10 "ic-hashtree-fork" · digest(left) · digest(right))}. */
  record Fork(HashTree left, HashTree right) implements HashTree {
    private static final byte[] SEP = Sha.domainSeparator("ic-hashtree-fork");

    /** Rejects null children with {@link NullPointerException} (a programming error). */
    public Fork {
      java.util.Objects.requireNonNull(left, "left");
      java.util.Objects.requireNonNull(right, "right");
    }

    @Override
    public byte[] digest() {
      return Sha.sha256(SEP, left.digest(), right.digest());
    }
  }

  /** A labeled subtree; digest {@code H(0x13 "ic-hashtree-labeled" · label · digest(subtree))}. */
  final class Labeled implements HashTree {
    private static final byte[] SEP = Sha.domainSeparator("ic-hashtree-labeled");
    private final byte[] label;
    private final HashTree subtree;

    Labeled(byte[] label, HashTree subtree) {
      this.label = label.clone();
      this.subtree = java.util.Objects.requireNonNull(subtree, "subtree");
    }

    /** The label (a copy). */
    public byte[] label() {
      return label.clone();
    }

    byte[] labelUnsafe() {
      return label;
    }

    public HashTree subtree() {
      return subtree;
    }

    @Override
    public byte[] digest() {
      return Sha.sha256(SEP, label, subtree.digest());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Labeled l && Arrays.equals(label, l.label) && subtree.equals(l.subtree);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(label) + subtree.hashCode();
    }

    @Override
    public String toString() {
      return "Labeled[" + HashTreeLookup.show(label) + ", " + subtree + "]";
    }
  }

  /** A value; digest {@code H(0x10 "ic-hashtree-leaf" · value)}. */
  final class Leaf implements HashTree {
    private static final byte[] SEP = Sha.domainSeparator("ic-hashtree-leaf");
    private final byte[] value;

    Leaf(byte[] value) {
      this.value = value.clone();
    }

    /** The value (a copy). */
    public byte[] value() {
      return value.clone();
    }

    byte[] valueUnsafe() {
      return value;
    }

    @Override
    public byte[] digest() {
      return Sha.sha256(SEP, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Leaf l && Arrays.equals(value, l.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Leaf[" + HashTreeLookup.show(value) + "]";
    }
  }

  /** A pruned subtree: only its 32-byte digest is known. */
  final class Pruned implements HashTree {
    private final byte[] digest;

    Pruned(byte[] digest) {
      if (digest.length != DIGEST_LENGTH) {
        throw new IllegalArgumentException("a pruned digest has 32 bytes, got " + digest.length);
      }
      this.digest = digest.clone();
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    byte[] digestUnsafe() {
      return digest;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pruned p && Arrays.equals(digest, p.digest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
      return "Pruned[" + HexFormat.of().formatHex(digest) + "]";
    }
  }
}
