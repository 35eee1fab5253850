package dev.jic.execution;

import dev.jic.replicated.CanisterSettings;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.ReplicatedState;
import dev.jic.replicated.SystemMetadata;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import dev.jic.types.unit.Cycles;
import dev.jic.types.unit.Height;
import dev.jic.wasm.engine.ChicoryEngine;
import dev.jic.wasm.engine.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A subnet state, an executor and a canister manager for tests. */
final class Harness {
  static final ChicoryEngine ENGINE = new ChicoryEngine(EngineConfig.defaults());
  static final PrincipalId USER = PrincipalId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2});
  static final long TIME = 1_735_689_600_000_000_000L;

  final ReplicatedState state = new ReplicatedState(new SystemMetadata(SubnetId.of(new byte[] {9, 9, 2}), 13,
      Height.ZERO, TIME, 0, 1_000_000, 0));
  final Executor executor = new Executor(ENGINE,
      ExecutionConfig.applicationSubnet(state.metadata().subnetId(), 13, new byte[] {0x30, 1})
          .withLimits(2_000_000_000L, 2_000_000_000L, 20_000_000_000L));
  final CanisterManager manager = new CanisterManager(executor);

  CanisterState create(Cycles cycles) {
    return state.canister(manager.createCanister(state, CanisterSettings.defaults(List.of(USER)), cycles));
  }

  static byte[] resource(String path) {
    try {
      return Files.readAllBytes(Path.of("src/test/resources", path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(Path.of("../jic-wasm/src/test/resources/canisters", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
