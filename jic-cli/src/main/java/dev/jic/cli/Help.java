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
        usage: ./jic start [--port P] [--data DIR] [--clean] [--nodes N] [--background]

        Starts the embedded local network: one node serving the IC HTTPS interface (the one
        @dfinity/agent and dfx use) on 127.0.0.1:4943, executing canisters, certifying every
        height with the subnet key. Keys live under .jic/keys and survive restarts. Prints the
        URL and the root key, then a health line whenever the height moves (every 10 s at most).
        Ctrl-C (or ./jic stop) shuts it down cleanly.

          --port P       HTTP port (default 4943)
          --data DIR     where keys and state live (default .jic)
          --clean        wipe DIR first (new keys, no canisters)
          --nodes N      replicas in the subnet (default 1; N > 1 runs N replicas with ICC
                         consensus in this process, each serving HTTP; node 0 on --port)
          --background   run detached, log in DIR/jic.log; stop with ./jic stop

        Canister state survives restarts: checkpoints every 500 heights plus a batch log that is
        replayed on start.
        """);
    COMMANDS.put("stop", """
        usage: ./jic stop [--data DIR]

        Stops the network started (e.g. with --background) from DIR (default .jic).
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
                         [--restart-ms AT-DOWN [--restart-from-cup]] [--cup-interval N] [--delays-ms U-N]
                         [--ingress-every-ms N] [--bench-delta D1,D2,...]

        Runs the deterministic consensus simulator: N replicas of the real ICC code on one
        thread with a virtual clock and a simulated network (loss, duplication, reordering),
        F of them faulty, for K consecutive seeds starting at S, each until every honest
        replica has delivered H batches. Invariants are checked after every event. Ends with
          sim seeds=K safety_violations=.. liveness_failures=.. blocks_per_s_virtual=.. finality_ms_p50=..
        and exits 1 if any seed was unsafe or not live (the failing seeds are listed first).

          --behaviour B   none crash silent equivocate double-sign bad-signature stale-future flood
                          mixed (default mixed)
          --partition-ms  split the subnet in two halves from 1 s for D ms, then heal
          --wire          send every artifact through the canonical codec
          --bls           real keys (Ed25519 + BLS multi/threshold) instead of the fast fake keys
          --restart-ms    an honest replica crashes at AT ms for DOWN ms, then restarts from its
                          persisted pool (or, with --restart-from-cup, from a peer's latest CUP)
          --cup-interval  heights between CUPs (default 10 in the simulator; 500 on a real subnet)
          --delays-ms     unit delay U and initial notary delay N (simulator default 300-200;
                          the IC's application subnets use 1000-600)
          --ingress-every-ms  submit one ingress message to every replica this often (load)
          --bench-delta   instead of the summary, one line per network delay δ (ms, latency uniform
                          in [δ/2, δ], no loss): finality_ms_p50/p90, blocks_per_s_virtual
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

        usage: ./jic bench exec [--messages N] [--canisters N] [--idle N]

        The execution layer alone (in-process subnet: scheduler, System API, Wasm; no HTTP,
        no consensus): N update calls (default 20000) to the Motoko counter's inc spread over
        --canisters (default 8), then calls to the Motoko kernel's countPrimes, then the heap
        retained per idle canister over --idle tiny canisters (default 10000). Ends with
          exec updates_per_s=<n> idle_canister_bytes=<n>

        usage: ./jic bench state [--canisters N (100000)] [--blocks N (30)] [--ingress N (500000)]
                                 [--only ingress]

        The state manager: checkpoint write MB/s against a raw sequential write of the same bytes,
        restart time of a node with a large sparse state, first-touch latency of one page of a
        1 GiB canister memory after restart, root-hash time per block with 100,000 canisters,
        time to encode an ingress history of N entries for a checkpoint. Ends with
          state checkpoint_vs_raw=<ratio> restart_s=<n> first_touch_us=<n> roothash_ms=<n> ingress_encode_ms=<n>
        (--only ingress: only the last figure).

        usage: ./jic bench load [--clients N (64)] [--seconds S per phase (10)] [--warmup S (15)]
                                [--url URL] [--updates-only]

        Drives a node (started in-process, or a running one at --url on loopback) with concurrent
        signed clients: update calls, then queries (one pre-signed envelope per client, as a
        polling agent sends), then queries signed afresh each time, then the same query load
        against a bare Netty HTTP server as the physical baseline. Each phase first runs --warmup
        seconds uncounted. --updates-only stops after the update phase (for profiling). Ends with
          load updates_per_s=<n> update_p50_ms=<n> queries_per_s=<n> query_vs_bare_http=<ratio>
        All results are recorded in docs/PERFORMANCE.md with the command that produced them.
        """);
    COMMANDS.put("drun", """
        usage: ./jic drun SCRIPT | -

        Runs a drun script (the format of dfinity/ic's drun, used by the Motoko compiler's
        run-drun tests) on an in-process subnet: execution, message routing and the scheduler,
        without consensus or HTTP. Lines:
          create
          install|reinstall|upgrade <canister id> <wasm file> <arg>
          ingress|query <canister id> <method> <arg>
        with <arg> 0x<hex> or "DIDL\\x00\\x00" (escapes \\xNN, \\bNNNNNNNN, \\", \\\\); # comments.
        Prints drun's lines (ingress Completed: Reply: 0x.., ingress Err: IC0xxx: .., Ok: ..,
        debug.print: ..). Wasm paths are relative to the working directory; - reads stdin.
        Exit code 0 when the script ran (canister rejects are output), 1 with 'line N: ..' on
        a script error, 2 on bad usage.
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
    out.println("  stop      stop a network started with ./jic start --background");
    out.println("  test      run all tests (Java and JS interop)");
    out.println("  build     rebuild all modules");
    out.println("  sim       run the deterministic consensus simulator over seeds");
    out.println("  bench     benchmarks: ./jic bench wasm|exec|state|load");
    out.println("  drun      run a drun script on an in-process subnet: ./jic drun <script>");
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
