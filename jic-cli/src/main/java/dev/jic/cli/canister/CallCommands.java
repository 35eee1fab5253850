package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.CallOutcome;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.candid.IdlType;
import dev.jic.types.id.CanisterId;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jic canister call} and {@code jic canister query}. */
final class CallCommands {
  private CallCommands() {}

  /** Shared: canister, method, argument; types from {@code candid:service} when published. */
  abstract static class Invoke extends NetworkCommand {
    @Parameters(index = "0", paramLabel = "CANISTER")
    String canister;

    @Parameters(index = "1", paramLabel = "METHOD")
    String method;

    @Parameters(index = "2", paramLabel = "ARG", arity = "0..1", description = "the argument in Candid text, e.g. '(42, \"hi\")' (default ())")
    String arg;

    @Option(names = "--raw-arg", paramLabel = "HEX", description = "the argument as raw Candid bytes in hex")
    String rawArg;

    @Option(names = "--output", paramLabel = "FORMAT", description = "candid (default) or hex")
    String output = "candid";

    abstract CallOutcome invoke(IcAgent agent, CanisterId id, byte[] arg, Optional<IdlType.Func> sig) throws AgentException;

    @Override
    public Integer call() throws AgentException {
      CanisterId id = canisterId(canister);
      IcAgent agent = agent();
      Optional<IdlType.Func> sig = CandidArgs.service(agent, id).flatMap(s -> s.method(method));
      byte[] bytes = rawArg != null ? CandidArgs.hex(rawArg) : CandidArgs.encode(arg == null ? "()" : arg, sig);
      return switch (invoke(agent, id, bytes, sig)) {
        case CallOutcome.Replied r -> {
          env.out().println(output.equals("hex") ? java.util.HexFormat.of().formatHex(r.arg()) : CandidArgs.render(r.arg(), sig));
          yield 0;
        }
        case CallOutcome.Rejected r -> throw new AgentException("the call was rejected: " + r.describe(), RejectHints.hint(r));
      };
    }
  }

  /** {@code jic canister call ID METHOD [ARG]}: an update call (certified). */
  @Command(name = "call", description = "call a canister method: as an update (the answer is certified), or as a query "
      + "when the canister's interface marks the method query (as dfx does)", mixinStandardHelpOptions = true)
  static final class Call extends Invoke {
    @Option(names = "--query", description = "send it as a query")
    boolean asQuery;

    @Option(names = "--update", description = "send it as an update even if the interface says query")
    boolean asUpdate;

    @Override
    CallOutcome invoke(IcAgent agent, CanisterId id, byte[] arg, Optional<IdlType.Func> sig) throws AgentException {
      boolean declaredQuery = sig.map(f -> f.modes().contains(IdlType.FuncMode.QUERY)
          || f.modes().contains(IdlType.FuncMode.COMPOSITE_QUERY)).orElse(false);
      return asQuery || declaredQuery && !asUpdate ? agent.query(id, id, method, arg) : agent.update(id, id, method, arg);
    }
  }

  /** {@code jic canister query ID METHOD [ARG]}: a query (signed by a node). */
  @Command(name = "query", description = "call a query method (fast, answered by one node and signed by it)",
      mixinStandardHelpOptions = true)
  static final class Query extends Invoke {
    @Override
    CallOutcome invoke(IcAgent agent, CanisterId id, byte[] arg, Optional<IdlType.Func> sig) throws AgentException {
      return agent.query(id, id, method, arg);
    }
  }

}
