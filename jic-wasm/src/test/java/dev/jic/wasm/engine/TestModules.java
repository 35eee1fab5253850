package dev.jic.wasm.engine;

import com.dylibso.chicory.runtime.Memory;
import dev.jic.types.unit.NumInstructions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The .wasm test modules under {@code src/test/resources/engine/} (each next to its .wat source) and a test host. */
final class TestModules {
  private TestModules() {}

  static byte[] wasm(String stem) {
    try (InputStream in = TestModules.class.getResourceAsStream("/engine/" + stem + ".wasm")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource engine/" + stem + ".wasm");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A host for engine-test.wat: {@code ic0.performance_counter} returns the context's counter,
   * {@code ic0.trap} traps with the bytes it is given, {@code ic0.debug_print} records the text
   * and charges {@code printCost} instructions.
   */
  static final class Host implements ImportResolver {
    final long printCost;
    final List<String> printed = new ArrayList<>();

    Host(long printCost) {
      this.printCost = printCost;
    }

    @Override
    public Optional<HostFunction> resolve(String module, String name, dev.jic.wasm.binary.Types.FuncType type) {
      if (!module.equals("ic0")) {
        return Optional.empty();
      }
      return switch (name) {
        case "performance_counter" -> Optional.of((ctx, args) -> new long[] {ctx.performanceCounter().value()});
        case "trap" -> Optional.of((ctx, args) -> {
          throw new HostTrap(text(ctx.memory(), args));
        });
        case "debug_print" -> Optional.of((ctx, args) -> {
          printed.add(text(ctx.memory(), args));
          ctx.charge(NumInstructions.of(printCost));
          return null;
        });
        default -> Optional.empty();
      };
    }

    private static String text(Memory m, long[] args) {
      return new String(m.readBytes((int) args[0], (int) args[1]), StandardCharsets.UTF_8);
    }
  }
}
