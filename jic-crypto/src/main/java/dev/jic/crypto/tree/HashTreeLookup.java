package dev.jic.crypto.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The spec's {@code lookup_path}, {@code flatten_forks}, {@code find_label} and {@code lookup*},
 * written as in the interface spec (section "Lookup") so that they can be checked against it line
 * by line. Labels compare as unsigned bytes, lexicographically.
 */
public final class HashTreeLookup {
  private HashTreeLookup() {}

  /** {@code lookup_path(path, tree)}. */
  public static LookupResult lookupPath(HashTree tree, List<byte[]> path) {
    HashTree t = tree;
    for (byte[] label : path) {
      switch (findLabel(label, flattenForks(t))) {
        case SubtreeLookup.Found f -> t = f.subtree();
        case SubtreeLookup.Absent a -> {
          return LookupResult.ABSENT;
        }
        case SubtreeLookup.Unknown u -> {
          return LookupResult.UNKNOWN;
        }
      }
    }
    return switch (t) {
      case HashTree.Empty e -> LookupResult.ABSENT;
      case HashTree.Leaf l -> new LookupResult.Found(l.value());
      case HashTree.Pruned p -> LookupResult.UNKNOWN;
      case HashTree.Labeled l -> LookupResult.ERROR;
      case HashTree.Fork f -> LookupResult.ERROR;
    };
  }

  /** The subtree reached by following {@code path} label by label. */
  public static SubtreeLookup lookupSubtree(HashTree tree, List<byte[]> path) {
    HashTree t = tree;
    for (byte[] label : path) {
      SubtreeLookup r = findLabel(label, flattenForks(t));
      if (!(r instanceof SubtreeLookup.Found f)) {
        return r;
      }
      t = f.subtree();
    }
    return new SubtreeLookup.Found(t);
  }

  /**
   * {@code lookup*(prefix)}: every value found at a path that starts with {@code prefix}, in tree
   * order. Values hidden by pruning are simply not returned; an Absent or Unknown prefix gives an
   * empty list.
   */
  public static List<byte[]> lookupAll(HashTree tree, List<byte[]> prefix) {
    List<byte[]> out = new ArrayList<>();
    if (lookupSubtree(tree, prefix) instanceof SubtreeLookup.Found f) {
      collectValues(f.subtree(), out);
    }
    return out;
  }

  private static void collectValues(HashTree t, List<byte[]> out) {
    switch (t) {
      case HashTree.Leaf l -> out.add(l.value());
      case HashTree.Labeled l -> collectValues(l.subtree(), out);
      case HashTree.Fork f -> {
        collectValues(f.left(), out);
        collectValues(f.right(), out);
      }
      case HashTree.Empty e -> {}
      case HashTree.Pruned p -> {}
    }
  }

  /** {@code flatten_forks(tree)}: nested forks as a list, Empty dropped. */
  public static List<HashTree> flattenForks(HashTree tree) {
    List<HashTree> out = new ArrayList<>();
    flatten(tree, out);
    return out;
  }

  private static void flatten(HashTree t, List<HashTree> out) {
    switch (t) {
      case HashTree.Empty e -> {}
      case HashTree.Fork f -> {
        flatten(f.left(), out);
        flatten(f.right(), out);
      }
      default -> out.add(t);
    }
  }

  /** {@code find_label(l, trees)} over a flattened forest. */
  static SubtreeLookup findLabel(byte[] l, List<HashTree> trees) {
    if (trees.isEmpty() || (trees.size() == 1 && trees.get(0) instanceof HashTree.Leaf)) {
      return new SubtreeLookup.Absent();
    }
    for (int i = 0; i < trees.size(); i++) {
      if (!(trees.get(i) instanceof HashTree.Labeled here)) {
        continue;
      }
      int c = compare(l, here.labelUnsafe());
      if (c == 0) {
        return new SubtreeLookup.Found(here.subtree());
      }
      if (c < 0) {
        // l < label here: Absent if this is the first element, or the previous element is a
        // label below l (adjacent labels l1 < l < l2).
        if (i == 0) {
          return new SubtreeLookup.Absent();
        }
        if (trees.get(i - 1) instanceof HashTree.Labeled prev
            && compare(prev.labelUnsafe(), l) < 0) {
          return new SubtreeLookup.Absent();
        }
      } else if (i == trees.size() - 1) {
        // l greater than the last element, a label.
        return new SubtreeLookup.Absent();
      }
    }
    return new SubtreeLookup.Unknown();
  }

  /** Unsigned lexicographic comparison of labels. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Turns strings (UTF-8) and byte arrays into a path. */
  static List<byte[]> labels(Object... path) {
    List<byte[]> out = new ArrayList<>(path.length);
    for (Object o : path) {
      out.add(
          switch (o) {
            case String s -> s.getBytes(StandardCharsets.UTF_8);
            case byte[] b -> b.clone();
            default -> throw new IllegalArgumentException("a label is a String or byte[], got " + o);
          });
    }
    return out;
  }

  /** Printable form of a label or value: text if printable ASCII, else hex. */
  static String show(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + HexFormat.of().formatHex(b);
      }
    }
    return '"' + new String(b, StandardCharsets.US_ASCII) + '"';
  }
}
