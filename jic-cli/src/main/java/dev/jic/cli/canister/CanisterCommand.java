package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.id.CanisterId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jic canister ...}: create, install, call and manage canisters through the management canister. */
@Command(name = "canister", description = "create, install, call and manage canisters", mixinStandardHelpOptions = true,
    subcommands = {CanisterCommand.Create.class, CodeCommands.Install.class, CodeCommands.Upgrade.class, CodeCommands.Reinstall.class,
        CallCommands.Call.class, CallCommands.Query.class, CanisterCommand.Status.class, CanisterCommand.Start.class,
        CanisterCommand.Stop.class, CanisterCommand.Delete.class, CanisterCommand.Logs.class})
public final class CanisterCommand {

  /** {@code jic canister create}. */
  @Command(name = "create", description = "create an empty canister (provisional, with cycles) controlled by you",
      mixinStandardHelpOptions = true)
  static final class Create extends NetworkCommand {
    @Option(names = "--cycles", paramLabel = "N", description = "cycles to give it (default 100T)")
    BigInteger cycles = Management.DEFAULT_CYCLES;

    @Override
    public Integer call() throws AgentException {
      CanisterId id = Management.create(agent(), cycles);
      env.out().println(id);
      return 0;
    }
  }

  /** {@code jic canister status ID}. */
  @Command(name = "status", description = "show a canister's status, module hash, controllers, memory and cycles",
      mixinStandardHelpOptions = true)
  static final class Status extends NetworkCommand {
    @Parameters(paramLabel = "CANISTER")
    String canister;

    @Override
    public Integer call() throws AgentException {
      CanisterId id = canisterId(canister);
      byte[] reply = Management.onCanister(agent(), id, "canister_status");
      IdlValue.Record r = (IdlValue.Record) Management.decode(reply, Management.STATUS_RESULT, "canister_status");
      String status = ((IdlValue.Variant) Management.get(r, "status").orElseThrow()).label().name();
      String hash = Management.get(r, "module_hash").map(v -> ((IdlValue.Opt) v).value()
          .map(b -> "0x" + HexFormat.of().formatHex(((IdlValue.Blob) b).bytes())).orElse("none")).orElse("none");
      IdlValue.Record settings = (IdlValue.Record) Management.get(r, "settings").orElseThrow();
      List<String> controllers = ((IdlValue.Vec) Management.get(settings, "controllers").orElseThrow()).values().stream()
          .map(v -> ((IdlValue.Principal) v).id().toString()).toList();
      env.out().println("canister:    " + id);
      env.out().println("status:      " + status);
      env.out().println("module hash: " + hash);
      env.out().println("controllers: " + String.join(", ", controllers));
      env.out().println("memory size: " + ((IdlValue.Nat) Management.get(r, "memory_size").orElseThrow()).value() + " bytes");
      env.out().println("cycles:      " + ((IdlValue.Nat) Management.get(r, "cycles").orElseThrow()).value());
      return 0;
    }
  }

  /** Start, stop and delete share their shape. */
  abstract static class OnCanister extends NetworkCommand {
    @Parameters(paramLabel = "CANISTER")
    String canister;

    abstract String method();

    abstract String done();

    @Override
    public Integer call() throws AgentException {
      CanisterId id = canisterId(canister);
      Management.onCanister(agent(), id, method());
      env.out().println(done() + " " + id);
      return 0;
    }
  }

  /** {@code jic canister start ID}. */
  @Command(name = "start", description = "start a stopped canister", mixinStandardHelpOptions = true)
  static final class Start extends OnCanister {
    @Override
    String method() {
      return "start_canister";
    }

    @Override
    String done() {
      return "started";
    }
  }

  /** {@code jic canister stop ID}. */
  @Command(name = "stop", description = "stop a canister (it finishes open calls, then accepts no new ones)",
      mixinStandardHelpOptions = true)
  static final class Stop extends OnCanister {
    @Override
    String method() {
      return "stop_canister";
    }

    @Override
    String done() {
      return "stopped";
    }
  }

  /** {@code jic canister delete ID}. */
  @Command(name = "delete", description = "delete a stopped canister", mixinStandardHelpOptions = true)
  static final class Delete extends OnCanister {
    @Override
    String method() {
      return "delete_canister";
    }

    @Override
    String done() {
      return "deleted";
    }
  }

  /** {@code jic canister logs ID}. */
  @Command(name = "logs", description = "print a canister's log (ic0.debug_print and traps)", mixinStandardHelpOptions = true)
  static final class Logs extends NetworkCommand {
    @Parameters(paramLabel = "CANISTER")
    String canister;

    @Override
    public Integer call() throws AgentException {
      IcAgent agent = agent();
      byte[] reply = Management.logs(agent, canisterId(canister));
      IdlValue.Record r = (IdlValue.Record) Management.decode(reply, Management.LOGS_RESULT, "fetch_canister_logs");
      for (IdlValue rec : ((IdlValue.Vec) r.fields().getFirst().value()).values()) {
        IdlValue.Record l = (IdlValue.Record) rec;
        long idx = ((IdlValue.Nat64) Management.get(l, "idx").orElseThrow()).value();
        long ts = ((IdlValue.Nat64) Management.get(l, "timestamp_nanos").orElseThrow()).value();
        byte[] content = ((IdlValue.Blob) Management.get(l, "content").orElseThrow()).bytes();
        Instant t = Instant.ofEpochSecond(0, ts);
        env.out().println("[" + idx + ". " + t + "]: " + new String(content, StandardCharsets.UTF_8));
      }
      return 0;
    }
  }
}
