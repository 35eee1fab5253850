package dev.jic.replica;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.state.RequestOrigin;
import dev.jic.types.encoding.ByteReader;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.id.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The origins of accepted calls to the management canister, kept in one append-only file so
 * that after a restart read_state still checks the effective id the client used (for calls to a
 * canister the effective id is the canister itself, so only management calls need recording).
 * Record: request id (32 bytes), then sender, receiver and effective id as length-prefixed
 * principal bytes (the effective id after a kind byte, 0 canister / 1 subnet). A torn last
 * record (a crash mid-append) is ignored. Not a consensus artefact; losing it only brings back the
 * guess (subnet effective id). Thread-safe.
 */
final class OriginLog {
  private final Path file;

  OriginLog(Path file) {
    this.file = file;
  }

  /** Every complete record in the file (later records of the same id win); empty if none. */
  synchronized Map<RequestId, RequestOrigin> load() {
    Map<RequestId, RequestOrigin> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      ByteReader r = new ByteReader(Files.readAllBytes(file));
      while (r.remaining() > 0) {
        try {
          RequestId id = RequestId.of(r.readBytes(32));
          UserId sender = new UserId(principal(r));
          CanisterId receiver = new CanisterId(principal(r));
          int kind = r.readU8();
          PrincipalId e = principal(r);
          out.put(id, new RequestOrigin(sender, receiver, kind == 0 ? new EffectiveId.Canister(new CanisterId(e))
              : new EffectiveId.Subnet(new SubnetId(e))));
        } catch (DecodeException | RuntimeException torn) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Appends one record (not synced: a crash may lose the last ones). */
  synchronized void append(RequestId id, RequestOrigin o) {
    write(encode(id, o), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Rewrites the file with exactly {@code keep} (atomically, via a temporary file). */
  synchronized void rewrite(Map<RequestId, RequestOrigin> keep) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    keep.forEach((id, o) -> all.writeBytes(encode(id, o)));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(tmp, all.toByteArray());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(byte[] b, StandardOpenOption... opts) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, b, opts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(RequestId id, RequestOrigin o) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(id.toBytes());
    put(b, o.sender().principal());
    put(b, o.receiver().principal());
    switch (o.effectiveId()) {
      case EffectiveId.Canister c -> {
        b.write(0);
        put(b, c.id().principal());
      }
      case EffectiveId.Subnet s -> {
        b.write(1);
        put(b, s.id().principal());
      }
    }
    return b.toByteArray();
  }

  private static void put(ByteArrayOutputStream b, PrincipalId p) {
    byte[] x = p.toBytes();
    b.write(x.length);
    b.writeBytes(x);
  }

  private static PrincipalId principal(ByteReader r) throws DecodeException {
    int n = r.readU8();
    if (n > PrincipalId.MAX_LENGTH) {
      throw new DecodeException("principal of " + n + " bytes");
    }
    return PrincipalId.of(r.readBytes(n));
  }
}
