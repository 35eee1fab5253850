package dev.jic.crypto.tree;

/**
 * The outcome of looking up the subtree at a path: Found (the subtree, which may itself be
 * pruned or empty), Absent (the tree proves the path is not there) or Unknown (pruning hides it).
 */
public sealed interface SubtreeLookup
    permits SubtreeLookup.Found, SubtreeLookup.Absent, SubtreeLookup.Unknown {

  /** The path exists; {@code subtree} is what hangs below it. */
  record Found(HashTree subtree) implements SubtreeLookup {}

  /** The tree proves that the path does not exist. */
  record Absent() implements SubtreeLookup {}

  /** The tree is pruned where the answer would be. */
  record Unknown() implements SubtreeLookup {}
}
