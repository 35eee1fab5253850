package dev.jic.state.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the manifest encoding and hashes. The expected hex was computed independently with a
 * 20-line Python script (hashlib + struct, written from PROTOCOL-DIGEST §4.2 and the
 * {@link ManifestCodec} format description, not from this code): dsep(s) = len byte · ascii,
 * chunk = H(dsep("ic-state-chunk")·bytes), file = H(dsep("ic-state-file")·u32 n·(u32 size·u64
 * off·chunk)*), root = H(dsep("ic-state-meta-manifest")·u32 1·u32 1·H(dsep("ic-state-sub-manifest")·enc)).
 */
class ManifestGoldenTest {
  static final String ENCODING =
      "00000001" // version 1
          + "00000003" // 3 files
          + "00000005612e747874" + "0000000000000005" // "a.txt", 5 bytes
          + "38bfffb14bf64dabf2320c41e234cd0897d350915584f075fad4d985c60d2882"
          + "000000056469722f62" + "0000000000000000" // "dir/b", empty
          + "981305d7c0b2ace0f53fe822f4075278fa28511e8c34e70f37fd8425af659b36"
          + "000000056469722f63" + "0000000000000003" // "dir/c", 3 zero bytes
          + "bfc7926b7e66d49fd2c3edff3ff15d1d76419e1b8ae9b16991543d3a7300a63d"
          + "00000002" // 2 chunks (the empty file has none)
          + "00000000" + "00000005" + "0000000000000000"
          + "3a2fe68a664748d6acc401d6a2badbcd7a34d3424f4d23c5a7147e6b48831eb3"
          + "00000002" + "00000003" + "0000000000000000"
          + "f1286c8eb815b7a5aa7f45a8650f6418e83f3d7b2485764aad9b684f1f577ec0";
  static final String ROOT = "9f553c8dc173e1a355798fcffac4baa70d5e75531a3e3472b6bcc68997ad0fcd";

  static Path example(Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "hello", StandardCharsets.US_ASCII);
    Files.createDirectories(dir.resolve("dir"));
    Files.write(dir.resolve("dir/b"), new byte[0]);
    Files.write(dir.resolve("dir/c"), new byte[3]);
    Files.write(dir.resolve("excluded.bin"), new byte[] {9});
    return dir;
  }

  @Test
  void encodingAndRootHashArePinned(@TempDir Path dir) throws Exception {
    Manifest m = ManifestBuilder.compute(example(dir), Set.of("excluded.bin"), Map.of());
    assertEquals(ENCODING, HexFormat.of().formatHex(m.encode()));
    assertEquals(ROOT, m.rootHash().hex());
    assertEquals(m, ManifestCodec.decode(HexFormat.of().parseHex(ENCODING)));
  }

  @Test
  void chunkHashOfHelloIsPinned() {
    assertEquals(
        "3a2fe68a664748d6acc401d6a2badbcd7a34d3424f4d23c5a7147e6b48831eb3",
        ManifestHashes.chunkHash("hello".getBytes(StandardCharsets.US_ASCII)).hex());
  }

  @Test
  void largeFileSplitsIntoMiBChunks(@TempDir Path dir) throws Exception {
    byte[] big = new byte[2 * Manifest.CHUNK_SIZE + 7];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Files.write(dir.resolve("big"), big);
    Manifest m = ManifestBuilder.compute(dir, Set.of(), Map.of());
    assertEquals(3, m.chunks().size());
    assertEquals(Manifest.CHUNK_SIZE, m.chunks().get(1).size());
    assertEquals(2L * Manifest.CHUNK_SIZE, m.chunks().get(2).offset());
    assertEquals(7, m.chunks().get(2).size());
    byte[] last = java.util.Arrays.copyOfRange(big, 2 * Manifest.CHUNK_SIZE, big.length);
    assertEquals(ManifestHashes.chunkHash(last), m.chunks().get(2).hash());
    assertEquals(m, ManifestCodec.decode(m.encode()));
  }
}
