package dev.jic.state;

import dev.jic.pagemap.PageMapSnapshot;
import dev.jic.pagemap.PageStore;
import dev.jic.replicated.CanisterSnapshot;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ExecutionState;
import dev.jic.replicated.ReplicatedState;
import dev.jic.state.checkpoint.Checkpoint;
import dev.jic.state.checkpoint.CheckpointContent;
import dev.jic.state.checkpoint.CorruptCheckpointException;
import dev.jic.state.codec.CanisterCodec;
import dev.jic.state.codec.SubnetCodec;
import dev.jic.state.manifest.CheckpointProblem;
import dev.jic.state.manifest.Manifest;
import dev.jic.state.manifest.ManifestHashes;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link ReplicatedState} to checkpoint content and back. Layout (format version 1):
 *
 * <pre>
 *   system_metadata.bin                     metadata + management queue ({@link SubnetCodec})
 *   ingress_history.bin                     ingress statuses ({@link SubnetCodec})
 *   canister_states/&lt;id hex&gt;/canister.bin    everything but memories ({@link CanisterCodec})
 *   canister_states/&lt;id hex&gt;/vmemory_0.*     heap page map; stable_memory.* stable memory
 *   canister_states/&lt;id hex&gt;/snapshots/&lt;snapshot id hex&gt;/{vmemory_0,stable_memory}.*
 * </pre>
 *
 * Loading reads every blob fully and checks it against the manifest's chunk hashes (a corrupt
 * blob is reported, never decoded); page maps are opened lazily (memory-mapped) and checked only
 * for file presence and size. Not thread-safe; used by the state manager.
 */
final class ReplicatedStateFiles {
  static final String SYSTEM = "system_metadata.bin";
  static final String INGRESS = "ingress_history.bin";
  static final String CANISTERS = "canister_states/";
  static final String CANISTER_FILE = "canister.bin";

  private ReplicatedStateFiles() {}

  static String canisterDir(CanisterId id) {
    return CANISTERS + HexFormat.of().formatHex(id.principal().toBytes()) + "/";
  }

  /** The checkpoint content of {@code s} (committed state only: call between rounds). */
  static CheckpointContent content(ReplicatedState s) {
    CheckpointContent.Builder b = CheckpointContent.builder();
    b.blobOwned(SYSTEM, SubnetCodec.encodeSystem(s));
    b.blobOwned(INGRESS, SubnetCodec.encodeIngress(s.ingressHistory()));
    for (CanisterState c : s.canisters().values()) {
      String dir = canisterDir(c.id());
      b.blobOwned(dir + CANISTER_FILE, CanisterCodec.encode(c));
      CanisterCodec.pageMaps(c).forEach((name, snap) -> b.pages(dir + name, snap));
    }
    return b.build();
  }

  /**
   * After {@code s} was written as {@code cp}: points every page map of {@code s} at the
   * checkpoint's files (dropping the in-memory deltas), so the next checkpoint writes only what
   * changed and every replica, restarted or not, lays out identical files.
   *
   * @param opened receives every store opened (the caller closes them when no longer read)
   */
  static void rebase(ReplicatedState s, Checkpoint cp, List<PageStore> opened)
      throws IOException, DecodeException {
    for (CanisterState c : s.canisters().values()) {
      String dir = canisterDir(c.id());
      ExecutionState e = c.execution();
      if (e != null) {
        PageStore heap = open(cp, dir + CanisterCodec.HEAP, opened);
        e.heap().reset(e.heap().snapshot().rebase(heap));
        PageStore stable = open(cp, dir + CanisterCodec.STABLE, opened);
        e.stable().pageMap().reset(e.stable().pageMap().snapshot().rebase(stable));
      }
      for (Map.Entry<String, CanisterSnapshot> en : new ArrayList<>(c.system().snapshots().entrySet())) {
        CanisterSnapshot x = en.getValue();
        String sd = dir + "snapshots/" + HexFormat.of().formatHex(x.id()) + "/";
        PageMapSnapshot heap = x.heap().rebase(open(cp, sd + CanisterCodec.HEAP, opened));
        PageMapSnapshot stable = x.stable().rebase(open(cp, sd + CanisterCodec.STABLE, opened));
        c.system().snapshots().put(en.getKey(), new CanisterSnapshot(x.id(), x.takenAtNanos(), x.canisterVersion(),
            x.wasmBinary(), x.moduleHash(), x.wasm64(), x.exports(), x.metadata(), heap, x.heapPages(), stable,
            x.stablePages(), x.globalsLow(), x.globalsHigh(), x.certifiedData()));
      }
    }
  }

  private static PageStore open(Checkpoint cp, String name, List<PageStore> opened)
      throws IOException, DecodeException {
    PageStore st = cp.openPageMap(name);
    opened.add(st);
    return st;
  }

  /**
   * The replicated state stored in {@code cp}, page maps served lazily from its files.
   *
   * @param opened receives every store opened
   * @throws CorruptCheckpointException if a blob does not match the manifest or does not decode
   */
  static ReplicatedState load(Checkpoint cp, List<PageStore> opened)
      throws IOException, CorruptCheckpointException {
    Blobs blobs = new Blobs(cp);
    try {
      ReplicatedState s = SubnetCodec.decodeSystem(blobs.read(SYSTEM));
      SubnetCodec.decodeIngress(blobs.read(INGRESS), s.ingressHistory());
      for (String path : blobs.paths()) {
        if (path.startsWith(CANISTERS) && path.endsWith("/" + CANISTER_FILE)
            && path.indexOf('/', CANISTERS.length()) == path.length() - CANISTER_FILE.length() - 1) {
          String dir = path.substring(0, path.length() - CANISTER_FILE.length());
          CanisterState c =
              CanisterCodec.decode(
                  blobs.read(path),
                  name -> PageMapSnapshot.of(open(cp, dir + name, opened)));
          if (!dir.equals(canisterDir(c.id())) || s.canister(c.id()) != null) {
            throw new DecodeException("canister " + c.id() + " stored under " + dir);
          }
          s.put(c);
        }
      }
      return s;
    } catch (DecodeException e) {
      throw new CorruptCheckpointException(
          cp.height(), List.of(new CheckpointProblem.Unreadable("state", e.getMessage())));
    }
  }

  /** Blob files of a checkpoint, each read in full and checked against the manifest. */
  private static final class Blobs {
    private final Checkpoint cp;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<Manifest.ChunkInfo>> chunks = new ArrayList<>();

    Blobs(Checkpoint cp) {
      this.cp = cp;
      List<Manifest.FileInfo> files = cp.manifest().files();
      for (int i = 0; i < files.size(); i++) {
        index.put(files.get(i).path(), i);
        chunks.add(new ArrayList<>());
      }
      for (Manifest.ChunkInfo c : cp.manifest().chunks()) {
        chunks.get(c.fileIndex()).add(c);
      }
    }

    List<String> paths() {
      return cp.manifest().files().stream().map(Manifest.FileInfo::path).toList();
    }

    byte[] read(String path) throws IOException, CorruptCheckpointException {
      Integer i = index.get(path);
      if (i == null) {
        throw new CorruptCheckpointException(cp.height(), List.of(new CheckpointProblem.MissingFile(path)));
      }
      byte[] b = Files.readAllBytes(cp.directory().resolve(path));
      long expected = cp.manifest().files().get(i).size();
      if (b.length != expected) {
        throw new CorruptCheckpointException(
            cp.height(), List.of(new CheckpointProblem.SizeMismatch(path, expected, b.length)));
      }
      List<Manifest.ChunkInfo> cs = chunks.get(i);
      for (int k = 0; k < cs.size(); k++) {
        Manifest.ChunkInfo c = cs.get(k);
        byte[] piece = Arrays.copyOfRange(b, (int) c.offset(), (int) c.offset() + c.size());
        if (!ManifestHashes.chunkHash(piece).equals(c.hash())) {
          throw new CorruptCheckpointException(
              cp.height(), List.of(new CheckpointProblem.ChunkMismatch(path, k, c.offset())));
        }
      }
      return b;
    }
  }
}
