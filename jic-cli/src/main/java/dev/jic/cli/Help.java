package dev.jic.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Help texts for every subcommand. Kept in one place so `jic help` and `jic X --help` agree. */
final class Help {
  private Help() {}

  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("start", """
        usage: ./jic start [--nodes N] [--port P] [--data-dir DIR]

        Starts the embedded local network: a subnet in one process, serving the IC HTTPS
        interface (the one @dfinity/agent and dfx use) on 127.0.0.1:4943, with its data
        under .jic/.

          --nodes N      replicas in the subnet (default 1; 4 runs a real 4-node subnet)
          --port P       HTTP port (default 4943)
          --data-dir DIR where state, checkpoints and keys live (default .jic)

        Status: the local network arrives with the HTTPS-interface issue; today this command
        validates its options and says so.
        """);
    COMMANDS.put("test", """
        usage: ./jic test [maven arguments]

        Runs every test: Java unit, property and conformance tests, and the JS interop tests
        against @dfinity/agent (their npm packages are installed from interop/js/package-lock.json
        first). Extra arguments go to Maven, e.g.
          ./jic test -pl jic-types -am -Dtest=PrincipalIdTest -Dsurefire.failIfNoSpecifiedTests=false
        """);
    COMMANDS.put("build", """
        usage: ./jic build

        Rebuilds every module (without tests) and refreshes the launcher's classpath.
        """);
    COMMANDS.put("sim", """
        usage: ./jic sim [--nodes N] [--faulty F] [--behaviour B] [--seeds K] [--heights H]
                         [--seed S] [--partition-ms D] [--latency-ms MIN-MAX] [--wire] [--bls]

        Runs the deterministic consensus simulator: N replicas of the real ICC code on one
        thread with a virtual clock and a simulated network (loss, duplication, reordering),
        F of them faulty, for K consecutive seeds starting at S, each until every honest
        replica has delivered H batches. Invariants are checked after every event. Ends with
          sim seeds=K safety_violations=.. liveness_failures=.. blocks_per_s_virtual=.. finality_ms_p50=..
        and exits 1 if any seed was unsafe or not live (the failing seeds are listed first).

          --behaviour B   none crash silent equivocate double-sign bad-signature stale-future mixed
                          (default mixed)
          --partition-ms  split the subnet in two halves from 1 s for D ms, then heal
          --wire          send every artifact through the canonical codec
          --bls           real keys (Ed25519 + BLS multi/threshold) instead of the fast fake keys
        """);
    COMMANDS.put("bench", """
        usage: ./jic bench wasm [--warmup N] [--iterations N] [--kernel NAME] [--node PATH]

        Runs the Wasm kernels (benchmarks/wasm/: primes, sieve, fnv, sort, and Motoko canister
        methods) through jic's metered engine (Chicory compiler, instruction counting on) and
        through Node's V8 on the same .wasm, checks both compute the same result, and prints
          kernel=<name> jic_ms=<x> v8_ms=<y> ratio=<r>
        per kernel (medians after warm-up; default 5 warm-up and 10 timed iterations), then
          wasm-vs-v8 geomean=<ratio> max=<ratio>
        Needs node (20+) on the PATH. Results are recorded in docs/PERFORMANCE.md.
        """);
    COMMANDS.put("identity", """
        usage: ./jic identity new NAME | use NAME | list | whoami

        Ed25519 signing identities, stored as PKCS#8 PEM files (the format of dfx's
        identity.pem) under $JIC_HOME/identity/<name>/identity.pem, else
        ~/.config/jic/identity/<name>/identity.pem. 'default' is created on first use;
        'anonymous' is built in. Details: ./jic identity <sub> --help, docs/CLI.md.
        """);
    COMMANDS.put("canister", """
        usage: ./jic canister <create|install|upgrade|reinstall|call|query|status|start|stop|delete|logs> ...
                              [--network URL] [--identity NAME]

        Manages canisters through the management canister of the network at --network
        (default $JIC_NETWORK or http://127.0.0.1:4943). Arguments are Candid text, e.g.
          ./jic canister call <id> inc
          ./jic canister query <id> greet '("Bob")'
        typed by the canister's candid:service metadata when it has one. Certificates and
        query signatures are verified. Details: ./jic canister <sub> --help, docs/CLI.md.
        """);
    COMMANDS.put("deploy", """
        usage: ./jic deploy WASM [--arg CANDID] [--cycles N] [--network URL] [--identity NAME]

        Creates a canister (provisional, with cycles, controlled by you) and installs WASM in
        it with the init argument CANDID; prints the canister id last.
        """);
    COMMANDS.put("version", """
        usage: ./jic version

        Prints the version of this jic build.
        """);
    COMMANDS.put("help", """
        usage: ./jic help [command]

        Lists the commands, or shows one command's help.
        """);
  }

  static boolean isKnown(String cmd) {
    return COMMANDS.containsKey(cmd);
  }

  static void printTop(PrintStream out) {
    out.println("jic - the Internet Computer protocol in Java");
    out.println();
    out.println("usage: ./jic <command> [options]");
    out.println();
    out.println("commands:");
    out.println("  start     run the embedded local network on 127.0.0.1:4943");
    out.println("  test      run all tests (Java and JS interop)");
    out.println("  build     rebuild all modules");
    out.println("  sim       run the deterministic consensus simulator over seeds");
    out.println("  bench     benchmarks: ./jic bench wasm (jic's Wasm engine vs Node's V8)");
    out.println("  identity  signing identities: ./jic identity new|use|list|whoami");
    out.println("  canister  canisters: ./jic canister create|install|upgrade|reinstall|call|query|status|start|stop|delete|logs");
    out.println("  deploy    create a canister and install a .wasm in it: ./jic deploy <wasm> [--arg CANDID]");
    out.println("  version   print the version");
    out.println("  help      show help for a command: ./jic help <command>");
  }

  static boolean printCommand(String cmd, PrintStream out) {
    String text = COMMANDS.get(cmd);
    if (text == null) {
      return false;
    }
    out.print(text);
    return true;
  }
}
