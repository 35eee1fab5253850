package dev.jic.wasm.bench;

import com.dylibso.chicory.runtime.Memory;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.engine.HostFunction;
import dev.jic.wasm.engine.HostTrap;
import dev.jic.wasm.engine.ImportResolver;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The minimal {@code ic0} host a benchmark canister method needs: argument data, reply, trap,
 * and zeros for everything else. The V8 runner ({@code benchmarks/wasm/run-v8.mjs}) implements
 * exactly the same functions, so both sides do the same work.
 */
final class BenchHost implements ImportResolver {
  private byte[] arg = new byte[0];
  private final ByteArrayOutputStream reply = new ByteArrayOutputStream();

  void begin(byte[] argument) {
    arg = argument.clone();
    reply.reset();
  }

  byte[] reply() {
    return reply.toByteArray();
  }

  @Override
  public Optional<HostFunction> resolve(String module, String name, FuncType type) {
    if (!module.equals("ic0")) {
      return Optional.empty();
    }
    HostFunction f = switch (name) {
      case "msg_arg_data_size" -> (ctx, a) -> new long[] {arg.length};
      case "msg_arg_data_copy" -> (ctx, a) -> {
        ctx.memory().write((int) a[0], arg, (int) a[1], (int) a[2]);
        return null;
      };
      case "msg_reply_data_append" -> (ctx, a) -> {
        reply.writeBytes(ctx.memory().readBytes((int) a[0], (int) a[1]));
        return null;
      };
      case "trap" -> (ctx, a) -> {
        throw new HostTrap(text(ctx.memory(), a));
      };
      default -> zeros(type);
    };
    return Optional.of(f);
  }

  private static HostFunction zeros(FuncType type) {
    long[] results = new long[type.results().size()];
    return (ctx, a) -> results.length == 0 ? null : results.clone();
  }

  private static String text(Memory m, long[] a) {
    return new String(m.readBytes((int) a[0], (int) a[1]), java.nio.charset.StandardCharsets.UTF_8);
  }

}
