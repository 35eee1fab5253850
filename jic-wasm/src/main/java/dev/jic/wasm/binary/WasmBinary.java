package dev.jic.wasm.binary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Entry point for module bytes as a canister installs them: raw Wasm ({@code 00 61 73 6d}) or
 * gzip ({@code 1f 8b 08}, RFC 1952), decompressed with a hard size limit before decoding.
 */
public final class WasmBinary {
  private WasmBinary() {}

  /** The IC's limit on a Wasm module's size (resource-limits.md: 100 MiB), used as the default. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 100L * 1024 * 1024;

  /** Whether {@code bytes} start with the gzip magic {@code 1f 8b 08}. */
  public static boolean isGzip(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b && bytes[2] == 0x08;
  }

  /**
   * The raw Wasm bytes: {@code bytes} itself, or its gzip decompression.
   *
   * @throws WasmMalformedException if the gzip stream is corrupt or inflates past {@code maxBytes}
   */
  public static byte[] unwrap(byte[] bytes, long maxBytes) throws WasmMalformedException {
    if (!isGzip(bytes)) {
      return bytes;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new WasmMalformedException("gzip-compressed module inflates beyond " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new WasmMalformedException("corrupt gzip-compressed module: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes raw or gzip-compressed module bytes, inflating at most {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}.
   *
   * @throws WasmMalformedException if the bytes are not a well-formed module
   */
  public static WasmModule decode(byte[] bytes) throws WasmMalformedException {
    return WasmDecoder.decode(unwrap(bytes, DEFAULT_MAX_DECOMPRESSED_BYTES));
  }
}
