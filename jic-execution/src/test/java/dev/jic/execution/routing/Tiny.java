package dev.jic.execution.routing;

import dev.jic.execution.InstallMode;
import dev.jic.execution.UserError;
import dev.jic.replicated.IngressStatus;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.unit.Cycles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tiny.wat canister (ping / spin / get over an i32 counter) on an {@link InProcessSubnet}. */
final class Tiny {
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});
  static final byte[] WASM = read("src/test/resources/wat/tiny.wasm");

  private Tiny() {}

  static byte[] read(String p) {
    try {
      return Files.readAllBytes(Path.of(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates and installs a canister running {@code wasm} directly (no ingress). */
  static CanisterId install(InProcessSubnet s, byte[] wasm, Cycles cycles) {
    CanisterId id = s.management().provisionalCreate(s.state(), List.of(USER), cycles, s.time());
    UserError e = s.manager().installCode(s.state().canister(id), new InstallMode.Install(), wasm, new byte[0], USER,
        s.time());
    if (e != null) {
      throw new AssertionError(e.toString());
    }
    return id;
  }

  static CanisterId install(InProcessSubnet s) {
    return install(s, WASM, Cycles.of(100_000_000_000_000L));
  }

  /** The argument of {@code spin}: loop {@code n} times. */
  static byte[] spin(int n) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array();
  }

  /** The counter a reply carries. */
  static int counter(byte[] reply) {
    return ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  /** The counter of {@code c} read by a query. */
  static int counter(InProcessSubnet s, CanisterId c) {
    return counter(((dev.jic.replicated.Payload.Data) s.query(USER, c, "get", new byte[0]).payload()).bytes());
  }

  static byte[] replied(IngressStatus st) {
    if (st instanceof IngressStatus.Replied r) {
      return r.reply();
    }
    throw new AssertionError("not replied: " + st);
  }
}
