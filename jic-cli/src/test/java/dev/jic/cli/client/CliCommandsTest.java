package dev.jic.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.cli.canister.Commands;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.http.HttpBackend;
import dev.jic.http.HttpServerConfig;
import dev.jic.http.IcHttpServer;
import dev.jic.types.id.CanisterId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity, canister and deploy commands end to end: real {@code IcHttpServer}, {@link CliFakeNode} behind it. */
class CliCommandsTest {
  static CliFakeNode node;
  static IcHttpServer server;
  static IcHttpServer wrongKeyServer;
  @TempDir static Path home;

  @BeforeAll
  static void start() {
    node = new CliFakeNode();
    server = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0), node.backend());
    byte[] other = new byte[32];
    Arrays.fill(other, (byte) 42);
    wrongKeyServer = IcHttpServer.start(HttpServerConfig.defaults("127.0.0.1", 0),
        new HttpBackend(node, node, node, node, NodeSigningKey.fromSeed(other)));
  }

  @AfterAll
  static void stop() {
    server.close();
    wrongKeyServer.close();
  }

  record Run(int status, String out, String err) {}

  static Run run(Path jicHome, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>();
    env.put("JIC_HOME", jicHome.toString());
    env.put("JIC_NETWORK", "http://127.0.0.1:" + server.port());
    CliEnv e = new CliEnv(env, home, home, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> rest = List.of(args).subList(1, args.length);
    BiFunction<List<String>, CliEnv, Integer> cmd = switch (args[0]) {
      case "identity" -> Commands::identity;
      case "canister" -> Commands::canister;
      case "deploy" -> Commands::deploy;
      default -> throw new IllegalArgumentException(args[0]);
    };
    int status = cmd.apply(rest, e);
    return new Run(status, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
  }

  static Path wasm() throws Exception {
    Path p = home.resolve("test.wasm");
    Files.write(p, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    return p;
  }

  @Test
  void identitiesAreCreatedListedAndSwitched(@TempDir Path jh) throws Exception {
    Run who = run(jh, "identity", "whoami");
    assertEquals(0, who.status(), who.err());
    assertTrue(who.out().startsWith("default "), who.out());
    assertTrue(Files.isRegularFile(jh.resolve("identity/default/identity.pem")), "default identity created on first use");
    String pem = Files.readString(jh.resolve("identity/default/identity.pem"));
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"), pem); // PKCS#8 v1 Ed25519 prefix in base64

    Run created = run(jh, "identity", "new", "alice");
    assertEquals(0, created.status(), created.err());
    assertEquals(2, run(jh, "identity", "new").status(), "missing NAME is a usage error");
    Run dup = run(jh, "identity", "new", "alice");
    assertEquals(1, dup.status());
    assertTrue(dup.err().contains("already exists") && dup.err().contains("hint:"), dup.err());
    assertEquals(1, run(jh, "identity", "new", "bad/name").status());

    assertEquals(0, run(jh, "identity", "use", "alice").status());
    Run list = run(jh, "identity", "list");
    assertTrue(list.out().contains("* alice  "), list.out());
    assertTrue(list.out().contains("\n  default  ") && list.out().contains("\n  anonymous  2vxsx-fae"), list.out());
    String alicePrincipal = created.out().split(": ")[1].lines().findFirst().orElseThrow();
    assertEquals("alice " + alicePrincipal, run(jh, "identity", "whoami").out());
    Run missing = run(jh, "identity", "use", "nobody");
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("jic identity new nobody"), missing.err());
  }

  @Test
  void deployCallQueryStatusLogsLifecycle(@TempDir Path jh) throws Exception {
    Run d = run(jh, "deploy", wasm().toString(), "--arg", "(opt 5)");
    assertEquals(0, d.status(), d.err());
    List<String> lines = d.out().lines().toList();
    CanisterId id = CanisterId.fromText(lines.getLast());
    assertTrue(d.out().contains("methods: get, greet, inc"), d.out());
    String cid = id.toString();

    assertEquals("(1 : nat)", run(jh, "canister", "call", cid, "inc").out());
    Run inc2 = run(jh, "canister", "call", cid, "inc", "()");
    assertEquals("(2 : nat)", inc2.out(), inc2.err());
    assertEquals("(2 : nat)", run(jh, "canister", "query", cid, "get").out());
    Run greet = run(jh, "canister", "query", cid, "greet", "(\"Bob\")");
    assertEquals("(record { count = 2 : nat; message = \"Hello, Bob!\" })", greet.out(), greet.err());
    assertEquals("4449444c00017d02", run(jh, "canister", "query", cid, "get", "--output", "hex").out());
    assertEquals("(2 : nat)", run(jh, "canister", "call", cid, "get").out(), "call of a method the interface marks query sends a query");
    Run forcedUpdate = run(jh, "canister", "call", cid, "get", "--update");
    assertEquals(1, forcedUpdate.status(), "the fake has no update method get");
    assertTrue(forcedUpdate.err().contains("no update method 'get'"), forcedUpdate.err());

    Run status = run(jh, "canister", "status", cid);
    assertEquals(0, status.status(), status.err());
    String me = run(jh, "identity", "whoami").out().split(" ")[1];
    assertTrue(status.out().contains("status:      running"), status.out());
    assertTrue(status.out().contains("controllers: " + me), status.out());
    assertTrue(status.out().contains("module hash: 0x"), status.out());

    Run logs = run(jh, "canister", "logs", cid);
    assertTrue(logs.out().contains("installed install") && logs.out().contains("inc -> 2"), logs.out());

    Run upgrade = run(jh, "canister", "upgrade", cid, wasm().toString());
    assertEquals(0, upgrade.status(), upgrade.err());
    assertEquals("upgraded " + cid + " to " + wasm(), upgrade.out());
    assertEquals("(2 : nat)", run(jh, "canister", "query", cid, "get").out(), "upgrade keeps the counter");
    Run reinstall = run(jh, "canister", "reinstall", cid, wasm().toString());
    assertEquals(0, reinstall.status(), reinstall.err());
    assertEquals("reinstalled " + cid + " with " + wasm(), reinstall.out());
    assertEquals("(0 : nat)", run(jh, "canister", "query", cid, "get").out(), "reinstall wipes it");

    assertEquals("stopped " + cid, run(jh, "canister", "stop", cid).out());
    assertTrue(run(jh, "canister", "status", cid).out().contains("status:      stopped"));
    assertEquals("started " + cid, run(jh, "canister", "start", cid).out());
    assertEquals("deleted " + cid, run(jh, "canister", "delete", cid).out());
    Run gone = run(jh, "canister", "status", cid);
    assertEquals(1, gone.status());
    assertTrue(gone.err().contains("not found") && gone.err().contains("IC0301"), gone.err());
  }

  @Test
  void createThenInstallAndErrorsAreOneLinePlusHint(@TempDir Path jh) throws Exception {
    Run c = run(jh, "canister", "create");
    assertEquals(0, c.status(), c.err());
    String cid = c.out();
    Run empty = run(jh, "canister", "call", cid, "inc");
    assertEquals(1, empty.status());
    assertTrue(empty.err().startsWith("jic: the call was rejected: Canister " + cid + " is empty (reject code 5, IC0537)"), empty.err());
    assertTrue(empty.err().contains("\nhint: "), empty.err());
    Run install = run(jh, "canister", "install", cid, wasm().toString());
    assertEquals(0, install.status(), install.err());
    assertEquals("installed " + wasm() + " in " + cid, install.out());

    Run noMethod = run(jh, "canister", "call", cid, "nope");
    assertEquals(1, noMethod.status());
    assertTrue(noMethod.err().contains("IC0302") && noMethod.err().contains("hint: the canister has no such method"), noMethod.err());

    Run badArg = run(jh, "canister", "query", cid, "greet", "(42)");
    assertEquals(1, badArg.status());
    assertTrue(badArg.err().contains("invalid Candid argument") && badArg.err().contains("hint: the method expects (text)"), badArg.err());

    Run notWasm = run(jh, "canister", "install", cid, jh.toString());
    assertEquals(1, notWasm.status());
    assertEquals(2, run(jh, "canister", "call", cid).status(), "missing METHOD is a usage error");
    assertEquals(2, run(jh, "canister", "frobnicate").status());
    Run badId = run(jh, "canister", "status", "not-a-principal");
    assertEquals(1, badId.status());
    assertTrue(badId.err().contains("is not a canister id"), badId.err());

    run(jh, "identity", "new", "mallory");
    Run notController = run(jh, "canister", "stop", cid, "--identity", "mallory");
    assertEquals(1, notController.status());
    assertTrue(notController.err().contains("Only controllers") && notController.err().contains("hint: only a controller"), notController.err());
  }

  @Test
  void unreachableNetworkAndUnverifiableAnswersFail(@TempDir Path jh) throws Exception {
    Run down = run(jh, "canister", "status", "aaaaa-aa", "--network", "http://127.0.0.1:1");
    assertEquals(1, down.status());
    assertEquals(List.of("jic: cannot reach the network at http://127.0.0.1:1 (connection refused)",
        "hint: start a local network with ./jic start, or pass --network <url>"), down.err().lines().toList());

    String cid = run(jh, "deploy", wasm().toString()).out().lines().toList().getLast();
    Run forged = run(jh, "canister", "query", cid, "get", "--network", "http://127.0.0.1:" + wrongKeyServer.port());
    assertEquals(1, forged.status());
    assertTrue(forged.err().contains("signed by a node that is not in the canister's subnet"), forged.err());
    assertEquals(1, run(jh, "canister", "create", "--network", "ftp://x").status());
  }

}
