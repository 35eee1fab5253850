package dev.jic.state.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jic.types.encoding.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Round trips, and hostile bytes fail only with {@link DecodeException}. */
class ManifestCodecPropertiesTest {

  /** A consistent manifest with {@code n} files of pseudo-random sizes (seeded). */
  static Manifest manifest(long seed, int n) {
    Random r = new Random(seed);
    List<Manifest.FileInfo> files = new ArrayList<>();
    List<Manifest.ChunkInfo> chunks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long size = r.nextInt(4) == 0 ? 0 : r.nextLong(3L * Manifest.CHUNK_SIZE);
      List<Manifest.ChunkInfo> own = new ArrayList<>();
      for (long off = 0; off < size; off += Manifest.CHUNK_SIZE) {
        byte[] h = new byte[32];
        r.nextBytes(h);
        own.add(new Manifest.ChunkInfo(i, (int) Math.min(Manifest.CHUNK_SIZE, size - off), off, Digest32.of(h)));
      }
      chunks.addAll(own);
      files.add(new Manifest.FileInfo(String.format("d%02d/f", i), size, ManifestHashes.fileHash(own)));
    }
    return new Manifest(Manifest.VERSION, files, chunks);
  }

  @Property(tries = 200)
  void roundTrips(@ForAll long seed, @ForAll @IntRange(max = 6) int n) throws DecodeException {
    Manifest m = manifest(seed, n);
    assertEquals(m, ManifestCodec.decode(m.encode()));
    assertEquals(m.rootHash(), ManifestCodec.decode(m.encode()).rootHash());
  }

  @Property(tries = 500)
  void mutatedBytesFailOnlyWithDecodeException(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll int where, @ForAll byte xor) {
    Manifest m = manifest(seed, n);
    byte[] enc = m.encode();
    int pos = Math.floorMod(where, enc.length + 1);
    byte[] bad;
    if (pos == enc.length) {
      bad = java.util.Arrays.copyOf(enc, Math.floorMod(where, enc.length)); // truncation
    } else {
      bad = enc.clone();
      bad[pos] ^= (xor == 0 ? 1 : xor);
    }
    try {
      Manifest back = ManifestCodec.decode(bad);
      // Accepted only if it is a different consistent manifest (e.g. a changed path byte).
      assertNotEquals(m, back);
    } catch (DecodeException expected) {
      // fine
    }
  }
}
