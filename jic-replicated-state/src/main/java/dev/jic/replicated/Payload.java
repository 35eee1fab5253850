package dev.jic.replicated;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The body of a response: reply data or a reject. */
public sealed interface Payload {
  /** A reply with its data. */
  final class Data implements Payload {
    private final byte[] bytes;

    public Data(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    /** The reply bytes (a copy). */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Length without copying. */
    public int size() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Data d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Reply(0x" + HexFormat.of().formatHex(bytes) + ")";
    }
  }

  /** A reject with its code and message. */
  record Reject(RejectCode code, String message) implements Payload {
    public Reject {
      Objects.requireNonNull(code);
      Objects.requireNonNull(message);
    }
  }
}
