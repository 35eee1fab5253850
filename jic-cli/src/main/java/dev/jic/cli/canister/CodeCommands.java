package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.DidService;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.candid.IdlType;
import dev.jic.types.id.CanisterId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Installing code: {@code jic canister install|upgrade|reinstall} and {@code jic deploy}. */
public final class CodeCommands {
  private CodeCommands() {}

  /** Shared options: the Wasm file and the init argument. */
  abstract static class CodeCommand extends NetworkCommand {
    @Option(names = "--arg", paramLabel = "CANDID", description = "the init argument in Candid text, e.g. '(42)' (default ())")
    String arg;

    @Option(names = "--raw-arg", paramLabel = "HEX", description = "the init argument as raw bytes in hex")
    String rawArg;

    byte[] wasm(String file) throws AgentException {
      Path p = env.resolve(file);
      try {
        byte[] b = Files.readAllBytes(p);
        boolean gzip = b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
        if (!gzip && (b.length < 4 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm')) {
          throw new AgentException(p + " is not a Wasm module (no \\0asm header)", "pass the .wasm file your build produced");
        }
        return b;
      } catch (IOException e) {
        throw new AgentException("cannot read " + p + ": " + e.getMessage(), "check the path of the .wasm file", e);
      }
    }

    byte[] initArg(Optional<IdlType.Func> init) throws AgentException {
      if (rawArg != null) {
        return CandidArgs.hex(rawArg);
      }
      return CandidArgs.encode(arg == null ? "()" : arg, init);
    }

    void install(IcAgent agent, CanisterId id, Management.Mode mode, String file) throws AgentException {
      byte[] wasm = wasm(file);
      boolean keep = false;
      if (mode == Management.Mode.UPGRADE) {
        try {
          keep = agent.metadata(id, "enhanced-orthogonal-persistence").isPresent();
        } catch (AgentException e) {
          keep = false; // not readable by this identity: upgrade without keeping main memory
        }
      }
      Management.install(agent, id, mode, wasm, initArg(Optional.empty()), keep);
    }
  }

  /**
   * {@code jic canister install|upgrade|reinstall ID WASM}: installs in one mode, then prints one
   * line made by {@code done} from the canister id and the Wasm file.
   */
  abstract static class ModeCommand extends CodeCommand {
    @Parameters(index = "0", paramLabel = "CANISTER")
    String canister;

    @Parameters(index = "1", paramLabel = "WASM")
    String file;

    private final Management.Mode mode;
    private final BiFunction<CanisterId, String, String> done;

    ModeCommand(Management.Mode mode, BiFunction<CanisterId, String, String> done) {
      this.mode = mode;
      this.done = done;
    }

    @Override
    public final Integer call() throws AgentException {
      CanisterId id = canisterId(canister);
      install(agent(), id, mode, file);
      env.out().println(done.apply(id, file));
      return 0;
    }
  }

  /** {@code jic canister install ID WASM}. */
  @Command(name = "install", description = "install code into an empty canister", mixinStandardHelpOptions = true)
  static final class Install extends ModeCommand {
    Install() {
      super(Management.Mode.INSTALL, (id, file) -> "installed " + file + " in " + id);
    }
  }

  /** {@code jic canister upgrade ID WASM}. */
  @Command(name = "upgrade", description = "upgrade a canister's code, keeping its stable memory (and main memory for EOP)",
      mixinStandardHelpOptions = true)
  static final class Upgrade extends ModeCommand {
    Upgrade() {
      super(Management.Mode.UPGRADE, (id, file) -> "upgraded " + id + " to " + file);
    }
  }

  /** {@code jic canister reinstall ID WASM}. */
  @Command(name = "reinstall", description = "replace a canister's code and wipe its state", mixinStandardHelpOptions = true)
  static final class Reinstall extends ModeCommand {
    Reinstall() {
      super(Management.Mode.REINSTALL, (id, file) -> "reinstalled " + id + " with " + file);
    }
  }

  /** {@code jic deploy WASM}: create + install. */
  @Command(name = "deploy", description = "create a canister and install a Wasm module in it", mixinStandardHelpOptions = true)
  public static final class Deploy extends CodeCommand {
    @Parameters(index = "0", paramLabel = "WASM")
    String file;

    @Option(names = "--cycles", paramLabel = "N", description = "cycles to give it (default 100T)")
    BigInteger cycles = Management.DEFAULT_CYCLES;

    @Override
    public Integer call() throws AgentException {
      byte[] wasm = wasm(file);
      IcAgent agent = agent();
      byte[] init = initArg(Optional.empty());
      CanisterId id = Management.create(agent, cycles);
      Management.install(agent, id, Management.Mode.INSTALL, wasm, init, false);
      Optional<DidService> svc = CandidArgs.service(agent, id);
      env.out().println("deployed " + file + " as " + id);
      svc.ifPresent(s -> env.out().println("methods: " + String.join(", ", s.methodNames())));
      env.out().println(id);
      return 0;
    }
  }
}
