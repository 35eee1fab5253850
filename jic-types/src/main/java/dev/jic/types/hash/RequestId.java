package dev.jic.types.hash;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A request id: the 32-byte {@code hash_of_map} of a request's {@code content} map (interface
 * spec §"Request ids"). Immutable. The textual form is lower-case hex with a {@code 0x} prefix.
 */
public final class RequestId implements Comparable<RequestId> {
  /** Length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private RequestId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 32 bytes (copied); throws {@link IllegalArgumentException} on any other length. */
  public static RequestId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a request id has 32 bytes");
    }
    return new RequestId(bytes.clone());
  }

  /** The request id of a content map. */
  public static RequestId ofContent(Map<String, HashValue> content) {
    return new RequestId(RepresentationIndependentHash.hashOfMap(content));
  }

  /**
   * Parses {@code 0x}-prefixed (or bare) hex of 32 bytes, either case; throws
   * {@link IllegalArgumentException} otherwise.
   */
  public static RequestId fromHex(String hex) {
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (h.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a request id is 64 hex digits: " + hex);
    }
    return new RequestId(HexFormat.of().parseHex(h));
  }

  /** The 32 bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** {@code 0x} followed by 64 lower-case hex digits. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestId r && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(RequestId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }
}
