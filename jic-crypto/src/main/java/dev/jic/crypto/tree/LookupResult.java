package dev.jic.crypto.tree;

import java.util.Arrays;

/**
 * The outcome of looking up a path in a hash tree (interface spec, "Lookup"): exactly one of
 * Found (the path holds a value), Absent (the tree proves the path is not there), Unknown (pruning
 * hides the answer) or Error (the path ends at an inner node, not at a value).
 */
public sealed interface LookupResult
    permits LookupResult.Found, LookupResult.Absent, LookupResult.Unknown, LookupResult.Error {

  /** The path holds {@code value}. */
  final class Found implements LookupResult {
    private final byte[] value;

    /** Wraps a value (copied). */
    public Found(byte[] value) {
      this.value = value.clone();
    }

    /** The value (a copy). */
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Found f && Arrays.equals(value, f.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Found[" + HashTreeLookup.show(value) + "]";
    }
  }

  /** The tree proves that the path does not exist. */
  record Absent() implements LookupResult {}

  /** The tree is pruned where the answer would be. */
  record Unknown() implements LookupResult {}

  /** The path exists but leads to an inner node (a fork or a label), not a value. */
  record Error() implements LookupResult {}

  LookupResult ABSENT = new Absent();
  LookupResult UNKNOWN = new Unknown();
  LookupResult ERROR = new Error();
}
