package dev.jic.wasm.canisters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.candid.Candid;
import dev.jic.wasm.canisters.CanisterRunner.Result;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The wasm32 fixtures run under Chicory 1.7.5's compiler against {@link Ic0StubHost}: their
 * {@code canister_init} runs, and their methods answer real Candid messages with the values the
 * sources compute (expected values worked out by hand from the sources in {@code canisters/}).
 */
class CanisterRunTest {

  private static byte[] args(String types, String values) throws Exception {
    var t = Candid.parseTypes(types);
    return Candid.encode(t, Candid.parseArgs(values, t));
  }

  private static String reply(Result r) {
    return assertInstanceOf(Result.Reply.class, r, () -> "expected a reply, got " + r).candid();
  }

  @Test
  void assemblyScriptGreetsAndCounts() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.ASSEMBLYSCRIPT_GREET.wasm());
    assertInstanceOf(Result.NoResponse.class, c.init());
    assertEquals(java.util.List.of("assemblyscript canister initialised"), c.host.debugPrints);
    Result greet = c.query("greet", args("(text)", "(\"jic\")"));
    assertEquals("(\"Hello, jic!\")", reply(greet));
    // Byte-exact: DIDL, no type table entries, one arg of type text (0x71), length 11.
    assertEquals("4449444c0001710b48656c6c6f2c206a696321",
        java.util.HexFormat.of().formatHex(((Result.Reply) greet).bytes()));
    assertEquals("(1 : nat)", reply(c.update("inc", args("()", "()"))));
    assertEquals("(2 : nat)", reply(c.update("inc", args("()", "()"))));
    // A malformed argument makes the canister trap through ic0.trap.
    Result bad = c.query("greet", args("(nat)", "(5)"));
    assertEquals("greet expects one Candid text argument", assertInstanceOf(Result.Trap.class, bad).message());
  }

  @Test
  void motokoCounterInitArmsItsTimerAndServesMessages() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.MOTOKO_COUNTER_WASM32.wasm());
    assertInstanceOf(Result.NoResponse.class, c.init());
    // Timer.recurringTimer(#seconds 60) in the actor body: init sets the global timer to now + 60 s.
    assertEquals(Ic0StubHost.TIME_NANOS + 60_000_000_000L, c.host.globalTimer);
    assertTrue(c.host.count("global_timer_set") >= 1);
    assertEquals("(1 : nat)", reply(c.update("inc", args("()", "()"))));
    assertEquals("(2 : nat)", reply(c.update("inc", args("()", "()"))));
    assertEquals("()", reply(c.update("put", args("(text, text)", "(\"k\", \"v\")"))));
    assertEquals("(opt \"v\")", reply(c.query("lookup", args("(text)", "(\"k\")"))));
  }

  @Test
  void motokoCounterMakesAnInterCanisterCall() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.MOTOKO_COUNTER_WASM32.wasm());
    c.init();
    long before = c.host.count("call_perform");
    byte[] peer = {0, 0, 0, 0, 0, 0, 0, 2, 1, 1};
    Result r = c.update("fetchFrom", args("(principal)", "(principal \"" + principalText(peer) + "\")"));
    // The call is queued (call_perform returned 0) and the message awaits the response.
    assertInstanceOf(Result.NoResponse.class, r);
    assertEquals(before + 1, c.host.count("call_perform"));
    assertTrue(c.host.count("call_new") >= 1);
  }

  @Test
  void motokoKernelsComputeWhatTheSourceSays() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.MOTOKO_KERNEL_WASM32.wasm());
    assertInstanceOf(Result.NoResponse.class, c.init());
    assertEquals("(4_950 : nat64)", reply(c.query("sumTo", args("(nat64)", "(100)"))));
    // 25 primes below 100.
    assertEquals("(25 : nat)", reply(c.query("countPrimes", args("(nat)", "(100)"))));
    long expected = sortChecksum(1000, 42);
    assertEquals("(" + Candid.render(new dev.jic.types.candid.IdlValue.Nat64(expected)) + ")",
        reply(c.query("sortChecksum", args("(nat, nat64)", "(1000, 42)"))));
  }

  @Test
  void motokoBaseActorGreets() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.MOTOKO_BASE_WASM32.wasm());
    assertInstanceOf(Result.NoResponse.class, c.init());
    assertEquals("(\"Hello, jic! (#1)\")", reply(c.update("greet", args("(text)", "(\"jic\")"))));
    assertEquals("(\"Hello, ic! (#2)\")", reply(c.update("greet", args("(text)", "(\"ic\")"))));
    assertTrue(c.host.debugPrints.contains("greeting jic"), c.host.debugPrints::toString);
    assertEquals("(vec { \"jic\"; \"ic\" })", reply(c.query("recentNames", args("()", "()"))));
  }

  @Test
  void azleLedgerInitsAndKeepsBalancesInStableMemory() throws Exception {
    CanisterRunner c = new CanisterRunner(CanisterFixture.AZLE_LEDGER.wasm());
    Result init = c.init();
    assertInstanceOf(Result.NoResponse.class, init, () -> "init: " + init + " prints " + c.host.debugPrints);
    assertEquals("(5 : nat64)", reply(c.update("deposit", args("(text, nat64)", "(\"alice\", 5)"))));
    assertEquals("(12 : nat64)", reply(c.update("deposit", args("(text, nat64)", "(\"alice\", 7)"))));
    assertTrue(c.host.stablePages > 0, "StableBTreeMap lives in stable memory");
    assertEquals("(12 : nat64)", reply(c.query("balanceOf", args("(text)", "(\"alice\")"))));
    assertEquals("(vec { \"alice\" })", reply(c.query("accounts", args("()", "()"))));
  }

  /** Kernel.mo's sortChecksum, in Java: the LCG, an unsigned sort, the rolling checksum. */
  static long sortChecksum(int n, long seed) {
    long[] a = new long[n];
    long x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      a[i] = x >>> 33;
    }
    Arrays.sort(a); // values < 2^31: signed and unsigned order agree
    long sum = 0;
    for (long v : a) {
      sum = sum * 31 + v;
    }
    return sum;
  }

  private static String principalText(byte[] id) {
    return dev.jic.types.id.PrincipalId.of(id).toText();
  }
}
