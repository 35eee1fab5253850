package dev.jic.crypto.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A label of the certified state tree: an arbitrary byte string, ordered as unsigned bytes
 * lexicographically (the order the hash tree requires within a forest). Immutable.
 */
public final class Label implements Comparable<Label> {
  private final byte[] bytes;

  private Label(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A label with the given bytes (copied). */
  public static Label of(byte[] bytes) {
    return new Label(bytes.clone());
  }

  /** A label with the UTF-8 bytes of {@code text}. */
  public static Label of(String text) {
    return new Label(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public int compareTo(Label o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Label l && Arrays.equals(bytes, l.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HashTreeLookup.show(bytes);
  }
}
