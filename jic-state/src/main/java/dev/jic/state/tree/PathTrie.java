package dev.jic.state.tree;

import dev.jic.crypto.tree.Label;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Requested witness paths as a trie; {@code full} marks the end of a requested path. */
final class PathTrie {
  boolean full;
  final TreeMap<Label, PathTrie> sub = new TreeMap<>();

  static PathTrie of(Collection<List<byte[]>> paths) {
    PathTrie root = new PathTrie();
    for (List<byte[]> p : paths) {
      PathTrie n = root;
      for (byte[] l : p) {
        n = n.sub.computeIfAbsent(Label.of(l), k -> new PathTrie());
      }
      n.full = true;
    }
    return root;
  }

  boolean isEmpty() {
    return !full && sub.isEmpty();
  }

  /** The paths this trie holds, relative to it ({@code []} if full). */
  List<List<byte[]>> paths() {
    List<List<byte[]>> out = new ArrayList<>();
    collect(new ArrayList<>(), out);
    return out;
  }

  private void collect(List<byte[]> prefix, List<List<byte[]>> out) {
    if (full) {
      out.add(List.copyOf(prefix));
    }
    for (var e : sub.entrySet()) {
      prefix.add(e.getKey().bytes());
      e.getValue().collect(prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }
}
