package dev.jic.consensus.pool;

import dev.jic.consensus.artifact.ConsensusCodec;
import dev.jic.consensus.artifact.ConsensusMessage;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.unit.Height;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A {@link PoolStore} as one append-only, fsynced log file ({@code pool.log} in a directory).
 *
 * <p>Why not LMDB: {@code org.lmdbjava:lmdbjava:0.9.1} (checked on JDK 25) fails in its static
 * initialiser unless the JVM runs with {@code --add-opens java.base/java.nio=ALL-UNNAMED}, then
 * calls terminally deprecated {@code sun.misc.Unsafe} methods and loads jnr-ffi's native stub;
 * every launcher, test JVM and the CLI would need those flags. The pool needs only appends, a
 * purge point and a full read at start, which a log does with the JDK alone. See docs/CONSENSUS.md.
 *
 * <p>Format: the 8-byte magic {@code JICPOOL1}, then records {@code type u8 · length u32 BE ·
 * crc32c u32 BE (over type and payload) · payload}; type 1 is an artifact (payload: its
 * {@link ConsensusCodec} encoding, which carries the wire format version), type 2 a purge
 * (payload: the height, u64 BE). A torn or corrupt tail (crash mid-write) ends the log: it is cut
 * off at the last whole record on opening; a record with a good checksum that does not decode is
 * a bug or a foreign file and throws. {@link #sync()} forces the file to disk. Purges compact the
 * file (write a new file, fsync, atomic rename) once dead records outweigh live ones.
 */
public final class FilePoolStore implements PoolStore {
  private static final byte[] MAGIC = "JICPOOL1".getBytes(StandardCharsets.US_ASCII);
  private static final int ARTIFACT = 1;
  private static final int PURGE = 2;
  private static final int HEADER = 9;
  private static final int MAX_RECORD = 64 << 20;

  private final Path dir;
  private final Path file;
  private FileChannel channel;
  private final List<ConsensusMessage> live = new ArrayList<>();
  private final List<ConsensusMessage> pending = new ArrayList<>();
  private Height purgedBelow = Height.ZERO;
  private long deadRecords;

  private FilePoolStore(Path dir) throws IOException {
    this.dir = dir;
    this.file = dir.resolve("pool.log");
    Files.createDirectories(dir);
    if (!Files.exists(file)) {
      writeFresh(file, List.of(), Height.ZERO);
    }
    this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long good = readAll();
    if (good < channel.size()) {
      channel.truncate(good); // torn tail from a crash
      channel.force(true);
    }
    channel.position(good);
  }

  /** Opens (or creates) the store in {@code dir}; throws {@link UncheckedIOException} on I/O failure or a corrupt header. */
  public static FilePoolStore open(Path dir) {
    try {
      return new FilePoolStore(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long readAll() throws IOException {
    ByteBuffer all = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, channel.size()));
    channel.read(all, 0);
    all.flip();
    byte[] magic = new byte[MAGIC.length];
    if (all.remaining() < MAGIC.length) {
      throw new IOException("pool log " + file + " has no header");
    }
    all.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a jic pool log: " + file);
    }
    long good = all.position();
    while (all.remaining() >= HEADER) {
      int type = all.get() & 0xff;
      int len = all.getInt();
      int crc = all.getInt();
      if (len < 0 || len > MAX_RECORD || len > all.remaining()) {
        break;
      }
      byte[] payload = new byte[len];
      all.get(payload);
      if (checksum(type, payload) != crc) {
        break;
      }
      apply(type, payload);
      good = all.position();
    }
    return good;
  }

  private void apply(int type, byte[] payload) throws IOException {
    switch (type) {
      case ARTIFACT -> {
        try {
          ConsensusMessage m = ConsensusCodec.decode(payload);
          if (!m.height().isBefore(purgedBelow)) {
            live.add(m);
          }
        } catch (DecodeException e) {
          throw new IllegalStateException("pool log record with a valid checksum does not decode: " + e.getMessage(), e);
        }
      }
      case PURGE -> {
        Height h = new Height(ByteBuffer.wrap(payload).getLong());
        if (h.isAfter(purgedBelow)) {
          purgedBelow = h;
          int before = live.size();
          live.removeIf(m -> m.height().isBefore(h));
          deadRecords += before - live.size();
        }
      }
      default -> throw new IllegalStateException("unknown pool log record type " + type);
    }
  }

  private static int checksum(int type, byte[] payload) {
    CRC32C c = new CRC32C();
    c.update(type);
    c.update(payload);
    return (int) c.getValue();
  }

  private static ByteBuffer record(int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.put((byte) type).putInt(payload.length).putInt(checksum(type, payload)).put(payload).flip();
    return b;
  }

  private static void writeFresh(Path target, List<ConsensusMessage> messages, Height purgedBelow) throws IOException {
    try (FileChannel c = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      c.write(ByteBuffer.wrap(MAGIC));
      if (purgedBelow.value() > 0) {
        c.write(record(PURGE, ByteBuffer.allocate(8).putLong(purgedBelow.value()).array()));
      }
      for (ConsensusMessage m : messages) {
        c.write(record(ARTIFACT, ConsensusCodec.encode(m)));
      }
      c.force(true);
    }
  }

  @Override
  public void append(ConsensusMessage m) {
    pending.add(m);
  }

  @Override
  public void sync() {
    if (pending.isEmpty()) {
      return;
    }
    try {
      for (ConsensusMessage m : pending) {
        ByteBuffer b = record(ARTIFACT, ConsensusCodec.encode(m));
        while (b.hasRemaining()) {
          channel.write(b);
        }
        if (!m.height().isBefore(purgedBelow)) {
          live.add(m);
        }
      }
      pending.clear();
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void purgeBelow(Height h) {
    if (!h.isAfter(purgedBelow)) {
      return;
    }
    sync();
    purgedBelow = h;
    int before = live.size();
    live.removeIf(m -> m.height().isBefore(h));
    deadRecords += before - live.size();
    try {
      if (deadRecords > live.size()) {
        compact();
      } else {
        ByteBuffer b = record(PURGE, ByteBuffer.allocate(8).putLong(h.value()).array());
        while (b.hasRemaining()) {
          channel.write(b);
        }
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void compact() throws IOException {
    Path tmp = dir.resolve("pool.log.tmp");
    writeFresh(tmp, live, purgedBelow);
    channel.close();
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // make the rename durable
    } catch (IOException ignored) {
      // some file systems cannot fsync a directory; the rename is still atomic
    }
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    deadRecords = 0;
  }

  @Override
  public List<ConsensusMessage> load() {
    List<ConsensusMessage> out = new ArrayList<>(live);
    out.addAll(pending);
    return out;
  }

  /** Size of the log file in bytes (for tests and metrics). */
  public long fileSize() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      sync();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
