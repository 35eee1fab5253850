package dev.jic.state.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.pagemap.PageMap;
import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.Pages;
import dev.jic.state.fs.CheckpointFs;
import dev.jic.state.manifest.CheckpointProblem;
import dev.jic.state.manifest.ManifestBuilder;
import dev.jic.types.unit.Height;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path root;

  static void fillPage(PageMap pm, long page, int seed) {
    byte[] p = pm.pageForWrite(page);
    for (int i = 0; i < Pages.PAGE_SIZE; i++) {
      p[i] = (byte) (seed + i * 7);
    }
  }

  static byte[] read(PageMapSnapshot s, long page) {
    byte[] out = new byte[Pages.PAGE_SIZE];
    s.copyPage(page, out);
    return out;
  }

  static Object inode(Path p) throws Exception {
    return Files.getAttribute(p, "unix:ino");
  }

  @Test
  void writeLoadRoundTripThenOverlayLinksUnchangedBase() throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 2);
    PageMap pm = PageMap.empty();
    fillPage(pm, 0, 1);
    fillPage(pm, 5, 2);
    pm.commit();
    Checkpoint c1 =
        store.write(
            Height.of(100),
            CheckpointContent.builder().blob("system_metadata.bin", new byte[] {1, 2, 3}).pages("canister/vmemory_0", pm.snapshot()).build(),
            null);
    assertEquals(root.resolve("checkpoints/0000000000000064"), c1.directory());
    assertTrue(Files.isRegularFile(c1.directory().resolve("canister/vmemory_0.base")));
    assertEquals(6L * Pages.PAGE_SIZE, Files.size(c1.directory().resolve("canister/vmemory_0.base")));

    Checkpoint loaded = store.load(Height.of(100), CheckpointStore.Verification.FULL);
    assertEquals(c1.manifest(), loaded.manifest());
    assertArrayEquals(new byte[] {1, 2, 3}, loaded.readBlob("system_metadata.bin"));
    LayeredPageStore s1 = loaded.openPageMap("canister/vmemory_0");
    PageMapSnapshot restored = PageMapSnapshot.of(s1);
    assertArrayEquals(read(pm.snapshot(), 0), read(restored, 0));
    assertArrayEquals(read(pm.snapshot(), 5), read(restored, 5));
    assertArrayEquals(new byte[Pages.PAGE_SIZE], read(restored, 3));

    // Continue on the restored base: change one page, add one beyond the end.
    PageMap pm2 = PageMap.fromSnapshot(restored);
    fillPage(pm2, 5, 9);
    fillPage(pm2, 7, 10);
    pm2.commit();
    Checkpoint c2 =
        store.write(Height.of(200), CheckpointContent.builder().pages("canister/vmemory_0", pm2.snapshot()).build(), loaded);
    Path base2 = c2.directory().resolve("canister/vmemory_0.base");
    assertEquals(inode(c1.directory().resolve("canister/vmemory_0.base")), inode(base2), "base hard-linked");
    Path ovl = c2.directory().resolve("canister/vmemory_0.overlay.0001");
    assertEquals(OverlayFile.headerLength(2) + 2L * Pages.PAGE_SIZE, Files.size(ovl), "overlay holds only the 2 changed pages");
    // The manifest that reused the previous entries equals one computed from scratch.
    assertEquals(ManifestBuilder.compute(c2.directory(), Set.of(CheckpointStore.MANIFEST_FILE), Map.of()), c2.manifest());

    LayeredPageStore s2 = store.load(Height.of(200), CheckpointStore.Verification.FULL).openPageMap("canister/vmemory_0");
    assertEquals(8, s2.pageCount());
    PageMapSnapshot r2 = PageMapSnapshot.of(s2);
    for (long p = 0; p < 9; p++) {
      assertArrayEquals(read(pm2.snapshot(), p), read(r2, p), "page " + p);
    }
    s1.close();
    s2.close();
  }

  @Test
  void overlaysMergeIntoAFreshBaseAfterTheLimit() throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 10);
    PageMap pm = PageMap.empty();
    Checkpoint prev = null;
    for (int h = 1; h <= PageMapFiles.MAX_OVERLAYS + 2; h++) {
      fillPage(pm, h, h);
      pm.commit();
      Checkpoint c = store.write(Height.of(h), CheckpointContent.builder().pages("m", pm.snapshot()).build(), prev);
      LayeredPageStore s = c.openPageMap("m");
      int expected = h == 1 ? 0 : (h - 1) % (PageMapFiles.MAX_OVERLAYS + 1);
      assertEquals(expected, s.overlayCount(), "height " + h);
      pm = PageMap.fromSnapshot(pm.snapshot().rebase(s));
      prev = c;
      for (long p = 0; p <= h; p++) {
        byte[] want = new byte[Pages.PAGE_SIZE];
        if (p > 0) {
          PageMap ref = PageMap.empty();
          fillPage(ref, p, (int) p);
          want = ref.pageForRead(p).clone();
        }
        assertArrayEquals(want, read(pm.snapshot(), p));
      }
    }
  }

  @Test
  void sparseBaseCostsLittleDiskAndLoadsLazily() throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 1);
    PageMap pm = PageMap.empty();
    long last = (1L << 28) / Pages.PAGE_SIZE - 1; // 256 MiB: hashing the holes costs ~5 s/GiB
    fillPage(pm, 0, 3);
    fillPage(pm, last, 4);
    pm.commit();
    Checkpoint c = store.write(Height.of(1), CheckpointContent.builder().pages("big", pm.snapshot()).build(), null);
    Path base = c.directory().resolve("big.base");
    assertEquals(1L << 28, Files.size(base));
    Process stat = new ProcessBuilder("stat", "-c", "%b", base.toString()).start();
    long allocatedBlocks = Long.parseLong(new String(stat.getInputStream().readAllBytes()).trim());
    assertTrue(allocatedBlocks * 512 < (1 << 20), "sparse: " + allocatedBlocks + " blocks");
    try (LayeredPageStore s = store.load(Height.of(1), CheckpointStore.Verification.MANIFEST_AND_SIZES).openPageMap("big")) {
      PageMap restored = PageMap.of(s);
      assertArrayEquals(pm.pageForRead(last), restored.pageForRead(last));
      assertEquals(1, restored.basePageLoads());
    }
  }

  @Test
  void gcKeepsTheLastKAndOpenCleansTmp() throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 2);
    for (int h = 1; h <= 4; h++) {
      store.write(Height.of(h * 10), CheckpointContent.builder().blob("x", new byte[] {(byte) h}).build(), null);
    }
    assertEquals(List.of(Height.of(10), Height.of(20)), store.gc());
    assertEquals(List.of(Height.of(30), Height.of(40)), store.heights());
    Files.createDirectories(root.resolve("tmp/checkpoint_0000000000000063/junk"));
    CheckpointStore reopened = CheckpointStore.open(root, CheckpointFs.real(), 2);
    try (var s = Files.list(root.resolve("tmp"))) {
      assertEquals(0, s.count());
    }
    assertEquals(List.of(Height.of(30), Height.of(40)), reopened.heights());
    assertThrows(IllegalStateException.class,
        () -> reopened.write(Height.of(40), CheckpointContent.builder().build(), null));
  }

  @Test
  void corruptionIsReportedWithFileAndChunk() throws Exception {
    CheckpointStore store = CheckpointStore.open(root, CheckpointFs.real(), 5);
    byte[] big = new byte[3 * (1 << 20)];
    Checkpoint c = store.write(Height.of(7), CheckpointContent.builder().blob("a/big", big).blob("b", new byte[] {1}).build(), null);
    // Flip one byte in the second chunk of a/big.
    try (var ch = java.nio.channels.FileChannel.open(c.directory().resolve("a/big"), java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), (1 << 20) + 5);
    }
    assertEquals(c.manifest(), store.load(Height.of(7), CheckpointStore.Verification.MANIFEST_AND_SIZES).manifest());
    CorruptCheckpointException e =
        assertThrows(CorruptCheckpointException.class, () -> store.load(Height.of(7), CheckpointStore.Verification.FULL));
    assertEquals(List.of(new CheckpointProblem.ChunkMismatch("a/big", 1, 1 << 20)), e.problems());

    Files.delete(c.directory().resolve("b"));
    Files.write(c.directory().resolve("stray"), new byte[0]);
    e = assertThrows(CorruptCheckpointException.class, () -> store.load(Height.of(7), CheckpointStore.Verification.MANIFEST_AND_SIZES));
    assertEquals(List.of(new CheckpointProblem.MissingFile("b"), new CheckpointProblem.UnexpectedFile("stray")), e.problems());

    Files.write(c.directory().resolve(CheckpointStore.MANIFEST_FILE), new byte[] {0, 0, 0, 1, 0});
    e = assertThrows(CorruptCheckpointException.class, () -> store.load(Height.of(7), CheckpointStore.Verification.FULL));
    assertInstanceOf(CheckpointProblem.ManifestUnreadable.class, e.problems().get(0));
    assertFalse(e.getMessage().isEmpty());
  }
}
