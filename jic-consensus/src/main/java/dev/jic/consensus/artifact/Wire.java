package dev.jic.consensus.artifact;

import dev.jic.interfaces.consensus.Time;
import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.id.NodeId;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.unit.Height;
import java.io.ByteArrayOutputStream;

/**
 * jic's canonical encoding of consensus artifacts (format version {@link #FORMAT_VERSION}).
 * Integers are shortest ULEB128; byte strings are a ULEB128 length then the bytes; hashes are 32
 * raw bytes; node ids are length-prefixed principal bytes; lists are a ULEB128 count then the
 * items. Every value has exactly one encoding: decoders re-encode and reject anything else.
 */
public final class Wire {
  /** The first byte of every encoded consensus message. */
  public static final int FORMAT_VERSION = 1;

  private Wire() {}

  /** Appends canonical fields to a buffer. Not thread-safe; cheap to create. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public Writer u8(int v) {
      out.write(v & 0xff);
      return this;
    }

    public Writer u64(long v) {
      out.writeBytes(Leb128.encodeUnsigned(v));
      return this;
    }

    public Writer height(Height h) {
      return u64(h.value());
    }

    public Writer time(Time t) {
      return u64(t.nanos());
    }

    public Writer bytes(byte[] b) {
      u64(b.length);
      out.writeBytes(b);
      return this;
    }

    public Writer hash(CryptoHash h) {
      out.writeBytes(h.toBytes());
      return this;
    }

    public Writer node(NodeId n) {
      return bytes(n.toBytes());
    }

    public Writer signature(Signature s) {
      return bytes(s.toBytes());
    }

    public byte[] toBytes() {
      return out.toByteArray();
    }
  }

  /** Reads canonical fields; every failure is a {@link DecodeException}. */
  public static final class Reader {
    private final ByteReader in;

    public Reader(byte[] data) {
      this.in = new ByteReader(data);
    }

    public int u8() throws DecodeException {
      return in.readU8();
    }

    public long u64() throws DecodeException {
      return in.readUleb64();
    }

    /** A non-negative value that fits in a signed long. */
    public long nonNegative() throws DecodeException {
      long v = in.readUleb64();
      if (v < 0) {
        throw new DecodeException("value out of range");
      }
      return v;
    }

    /** A protocol version: a ULEB128 value that fits in an int. */
    public int version() throws DecodeException {
      long v = in.readUleb64();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw new DecodeException("version out of range");
      }
      return (int) v;
    }

    public int count(int max) throws DecodeException {
      long v = in.readUleb64();
      if (v < 0 || v > max) {
        throw new DecodeException("count " + Long.toUnsignedString(v) + " exceeds " + max);
      }
      return (int) v;
    }

    public Height height() throws DecodeException {
      return new Height(nonNegative());
    }

    public Time time() throws DecodeException {
      return new Time(nonNegative());
    }

    public byte[] bytes(int max) throws DecodeException {
      return in.readBytes(count(max));
    }

    public CryptoHash hash() throws DecodeException {
      return CryptoHash.of(in.readBytes(CryptoHash.LENGTH));
    }

    public NodeId node() throws DecodeException {
      try {
        return NodeId.of(bytes(29));
      } catch (PrincipalFormatException e) {
        throw new DecodeException("bad node id", e);
      }
    }

    public Signature signature() throws DecodeException {
      return Signature.of(bytes(Signature.MAX_LENGTH));
    }

    public void expectEnd() throws DecodeException {
      if (!in.atEnd()) {
        throw new DecodeException(in.remaining() + " trailing bytes");
      }
    }
  }
}
