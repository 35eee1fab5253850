package dev.jic.types.id;

import dev.jic.types.hash.Sha;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * An IC principal: an opaque blob of 0 to 29 bytes whose last byte names its class.
 *
 * <p>Classes (interface spec, "Principals"): opaque ids issued by the system end in {@code 0x01}
 * (canister ids are {@code u64_be(index) · 01 · 01}); self-authenticating ids are
 * {@code SHA-224(DER public key) · 02}; derived ids end in {@code 0x03}; the anonymous principal
 * is the single byte {@code 0x04}; reserved ids end in {@code 0x7f}; the management canister is
 * the empty blob. Instances are immutable; ordering is unsigned byte-lexicographic, which is the
 * order the IC uses for canister ranges and for sorting node lists.
 *
 * <p>The textual form is {@code Grouped(Base32(CRC32(b) · b))}: big-endian CRC32, RFC 4648 base32
 * without padding in lower case, a dash after every five characters. Parsing is case-insensitive
 * and rejects bad characters, bad checksums, wrong grouping and over-long input with
 * {@link PrincipalFormatException}.
 */
public final class PrincipalId implements Comparable<PrincipalId> {

  public static final int MAX_LENGTH = 29;
  public static final byte TAG_OPAQUE = 0x01;
  public static final byte TAG_SELF_AUTHENTICATING = 0x02;
  public static final byte TAG_DERIVED = 0x03;
  public static final byte TAG_ANONYMOUS = 0x04;
  public static final byte TAG_RESERVED = 0x7f;

  /** The management canister {@code aaaaa-aa} (the empty blob). */
  public static final PrincipalId MANAGEMENT_CANISTER = new PrincipalId(new byte[0]);
  /** The anonymous principal {@code 2vxsx-fae}. */
  public static final PrincipalId ANONYMOUS = new PrincipalId(new byte[] {TAG_ANONYMOUS});

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int MAX_TEXT_LENGTH = 63;

  private final byte[] bytes;
  private int hash;

  private PrincipalId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps raw principal bytes (copied). Throws {@link PrincipalFormatException} beyond 29 bytes. */
  public static PrincipalId of(byte[] bytes) {
    if (bytes == null) {
      throw new PrincipalFormatException("principal bytes are null");
    }
    if (bytes.length > MAX_LENGTH) {
      throw new PrincipalFormatException(
          "a principal has at most " + MAX_LENGTH + " bytes, got " + bytes.length);
    }
    return new PrincipalId(bytes.clone());
  }

  /** The self-authenticating principal of a DER-encoded public key: SHA-224(der) · 0x02. */
  public static PrincipalId selfAuthenticating(byte[] derPublicKey) {
    byte[] out = Arrays.copyOf(sha224(derPublicKey), 29);
    out[28] = TAG_SELF_AUTHENTICATING;
    return new PrincipalId(out);
  }

  /** A derived principal: SHA-224(|registering| · registering · nonce) · 0x03. */
  public static PrincipalId derived(PrincipalId registering, byte[] nonce) {
    byte[] out = Arrays.copyOf(Sha.sha224(new byte[] {(byte) registering.bytes.length}, registering.bytes, nonce), 29);
    out[28] = TAG_DERIVED;
    return new PrincipalId(out);
  }

  /** Parses the textual form, e.g. {@code rrkah-fqaaa-aaaaa-aaaaq-cai}. */
  public static PrincipalId fromText(String text) {
    if (text == null) {
      throw new PrincipalFormatException("principal text is null");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new PrincipalFormatException(
          "principal text is longer than " + MAX_TEXT_LENGTH + " characters: " + abbreviate(text));
    }
    String lower = text.toLowerCase(Locale.ROOT);
    StringBuilder b32 = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c != '-') {
        if (ALPHABET.indexOf(c) < 0) {
          throw new PrincipalFormatException(
              "invalid character '" + c + "' at position " + i + " in principal text '" + text + "'");
        }
        b32.append(c);
      }
    }
    byte[] raw = base32Decode(b32.toString(), text);
    if (raw.length < 4) {
      throw new PrincipalFormatException("principal text '" + text + "' is too short to hold a checksum");
    }
    byte[] body = Arrays.copyOfRange(raw, 4, raw.length);
    if (body.length > MAX_LENGTH) {
      throw new PrincipalFormatException("principal text '" + text + "' encodes more than 29 bytes");
    }
    PrincipalId p = new PrincipalId(body);
    long expectedCrc = crc32(body);
    long gotCrc = ((raw[0] & 0xffL) << 24) | ((raw[1] & 0xffL) << 16) | ((raw[2] & 0xffL) << 8) | (raw[3] & 0xffL);
    if (expectedCrc != gotCrc) {
      throw new PrincipalFormatException("principal text '" + text + "' has a wrong checksum");
    }
    String canonical = p.toText();
    if (!canonical.equals(lower)) {
      throw new PrincipalFormatException(
          "principal text '" + text + "' is not in canonical form (expected '" + canonical + "')");
    }
    return p;
  }

  /** Raw bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Number of raw bytes. */
  public int length() {
    return bytes.length;
  }

  /** Byte {@code i} of the raw form. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  public boolean isAnonymous() {
    return bytes.length == 1 && bytes[0] == TAG_ANONYMOUS;
  }

  public boolean isManagementCanister() {
    return bytes.length == 0;
  }

  public boolean isSelfAuthenticating() {
    return bytes.length == 29 && bytes[28] == TAG_SELF_AUTHENTICATING;
  }

  public boolean isOpaque() {
    return bytes.length > 0 && bytes[bytes.length - 1] == TAG_OPAQUE;
  }

  /** The canonical textual form. */
  public String toText() {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    long c = crc.getValue();
    byte[] raw = new byte[bytes.length + 4];
    raw[0] = (byte) (c >>> 24);
    raw[1] = (byte) (c >>> 16);
    raw[2] = (byte) (c >>> 8);
    raw[3] = (byte) c;
    System.arraycopy(bytes, 0, raw, 4, bytes.length);
    String b32 = base32Encode(raw);
    StringBuilder out = new StringBuilder(b32.length() + b32.length() / 5);
    for (int i = 0; i < b32.length(); i++) {
      if (i > 0 && i % 5 == 0) {
        out.append('-');
      }
      out.append(b32.charAt(i));
    }
    return out.toString();
  }

  /** Lower-case hex of the raw bytes, for logs and debugging. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return toText();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrincipalId p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public int compareTo(PrincipalId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  static long crc32(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return crc.getValue();
  }

  static byte[] sha224(byte[] data) {
    return Sha.sha224(data);
  }

  private static String base32Encode(byte[] data) {
    StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static byte[] base32Decode(String s, String original) {
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      buffer = (buffer << 5) | ALPHABET.indexOf(s.charAt(i));
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
      throw new PrincipalFormatException("principal text '" + original + "' has invalid base32 padding bits");
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
  }
}
