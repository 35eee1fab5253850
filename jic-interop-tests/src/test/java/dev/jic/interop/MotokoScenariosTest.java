package dev.jic.interop;

import static dev.jic.interop.MotokoSubnet.nat;
import static dev.jic.interop.MotokoSubnet.principal;
import static dev.jic.interop.MotokoSubnet.rejected;
import static dev.jic.interop.MotokoSubnet.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.execution.QueryResult;
import dev.jic.interop.MotokoPrograms.Mode;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Motoko canisters compiled at test time (moc.js 4.10.0, {@code mo:core}; wasm32 and wasm64) run
 * through jic's execution layer on an {@link dev.jic.execution.routing.InProcessSubnet}: counters,
 * a {@code Map}, upgrades with stable variables, inter-canister calls, timers, cycles, certified
 * data, traps and rejects. Expected reject codes and error codes are the interface spec's
 * (IC-INTERFACE-DIGEST §6.4: 4 canister reject, 5 canister error) and the replica's
 * ({@code IC0502} Wasm trap, {@code IC0503} explicit {@code ic0.trap}).
 */
class MotokoScenariosTest {
  @BeforeAll
  static void compile() {
    MotokoPrograms.wasm("Counter", Mode.WASM32); // compiles all programs, both modes, in parallel
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void counterUpdatesPersistAndQueriesDoNot(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("Counter");
      assertEquals("(0 : nat)", s.query(c, "get"));
      assertEquals("(1 : nat)", s.update(c, "inc"));
      assertEquals("(2 : nat)", s.update(c, "inc"));
      assertEquals("(42 : nat)", s.update(c, "add", nat(40)));
      assertEquals("(142 : nat)", s.query(c, "incInQuery"), "the query sees its own write");
      assertEquals("(42 : nat)", s.query(c, "get"), "a query's writes are discarded");
      assertEquals("(43 : nat)", s.update(c, "inc"));
    }
  }

  @Test
  void mapStoreInsertsLooksUpAndRemovesWasm64() throws Exception {
    mapStore(Mode.WASM64);
  }

  @Test
  void mapStoreInsertsLooksUpAndRemovesWasm32() throws Exception {
    mapStore(Mode.WASM32);
  }

  private static void mapStore(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("MapStore");
      assertEquals("(true)", s.update(c, "put", text("b"), nat(2)));
      assertEquals("(true)", s.update(c, "put", text("a"), nat(1)));
      assertEquals("(false)", s.update(c, "put", text("b"), nat(20)), "existing key replaced");
      assertEquals("(opt (20 : nat))", s.query(c, "lookup", text("b")));
      assertEquals("(null)", s.query(c, "lookup", text("z")));
      // 60 more keys in ONE batch (several messages per round): the B-tree splits its nodes.
      List<RequestId> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(s.subnet.submit(MotokoSubnet.USER, c, "put", Candid.encodeInferred(List.of(
            text(String.format("k%02d", i)), nat(i)))));
      }
      s.subnet.await(ids.getLast(), 20);
      for (RequestId id : ids) {
        assertEquals("(true)", MotokoSubnet.render(MotokoSubnet.replied(s.subnet.state().ingressHistory().get(id))));
      }
      assertEquals("(62 : nat)", s.query(c, "size"));
      assertEquals("(opt (37 : nat))", s.query(c, "lookup", text("k37")));
      s.update(c, "remove", text("a"));
      assertEquals("(null)", s.query(c, "lookup", text("a")));
      assertEquals("(61 : nat)", s.query(c, "size"));
      String keys = s.query(c, "keys");
      assertTrue(keys.startsWith("(vec { \"b\"; \"k00\"; \"k01\";"), keys);
      assertTrue(keys.endsWith("\"k58\"; \"k59\" })"), keys);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void upgradeKeepsStableVariablesAndRunsHooks(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("UpgradeV1");
      for (int i = 0; i < 3; i++) {
        s.update(c, "inc");
      }
      s.update(c, "note", text("kept"));
      assertEquals("(3 : nat, 3 : nat, 0 : nat)", s.query(c, "state"));
      MotokoSubnet.replied(s.upgrade(c, "UpgradeV2"));
      assertEquals("(2 : nat)", s.query(c, "version"));
      // count kept, the transient hits reset, V1's preupgrade ran once, V2's postupgrade once.
      assertEquals("(3 : nat, 0 : nat, 1 : nat)", s.query(c, "state"));
      assertEquals("(1 : nat)", s.query(c, "upgrades"));
      assertEquals("(vec { \"kept\" })", s.query(c, "notesNow"));
      assertEquals("(13 : nat)", s.update(c, "inc"));
      // V2 -> V2: its own preupgrade and postupgrade run.
      MotokoSubnet.replied(s.upgrade(c, "UpgradeV2"));
      assertEquals("(13 : nat, 0 : nat, 2 : nat)", s.query(c, "state"));
      assertEquals("(2 : nat)", s.query(c, "upgrades"));
      if (mode == Mode.WASM64) {
        // An incompatible stable type (count : Nat -> Text) is refused by the enhanced-persistence
        // runtime's upgrade check, and the canister is unchanged. (Classic persistence has no such
        // runtime check: the Motoko docs leave it to dfx, so wasm32 is not asserted here.)
        IngressStatus.Rejected bad = rejected(s.upgrade(c, "UpgradeBad"));
        assertEquals(RejectCode.CANISTER_ERROR, bad.code(), bad.message());
        assertTrue(bad.message().contains("incompatible"), bad.message());
        assertEquals("(2 : nat)", s.query(c, "version"));
        assertEquals("(13 : nat, 0 : nat, 2 : nat)", s.query(c, "state"));
        // Enhanced orthogonal persistence: an upgrade must say wasm_memory_persistence = keep.
        IngressStatus.Rejected unset = rejected(s.upgrade(c, "UpgradeV2", null));
        assertEquals("IC0504", unset.errorCode(), unset.message());
        assertEquals("(13 : nat, 0 : nat, 2 : nat)", s.query(c, "state"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void interCanisterCallsRepliesRejectsAndTraps(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId callee = s.install("Faults");
      CanisterId caller = s.install("Caller");
      assertEquals("(\"echo: hi\")", s.update(caller, "callEcho", principal(callee), text("hi")));
      assertEquals("(\"canister_reject: nope\")", s.update(caller, "callReject", principal(callee), text("nope")));
      String trap = s.update(caller, "callTrap", principal(callee), text("boom"));
      assertTrue(trap.startsWith("(\"canister_error: ") && trap.contains("boom"), trap);
      // Uncaught: the callee's reject becomes the caller's reject (code 4, same message).
      IngressStatus.Rejected r = rejected(s.call(caller, "propagate", principal(callee), text("deep")));
      assertEquals(RejectCode.CANISTER_REJECT, r.code());
      assertEquals("deep", r.message());
      // A canister that does not exist: the system rejects the call with destination_invalid (3).
      String ghost = s.update(caller, "callReject", principal(CanisterId.fromU64(4242)), text("x"));
      assertTrue(ghost.startsWith("(\"destination_invalid: "), ghost);
      assertEquals("(5 : nat)", s.query(caller, "count"), "no call trapped in the caller");
      assertEquals("(2 : nat)", s.query(callee, "get"), "rejectWith's writes kept (twice), trapWith's rolled back");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void timersFireAsTimeAdvances(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("Timers"); // arms a recurring 10 s timer
      String once = s.update(c, "arm", nat(5));
      String cancelled = s.update(c, "arm", nat(3));
      assertTrue(!once.equals(cancelled), once + " " + cancelled);
      s.update(c, "cancel", IdlValue.Nat.of(Long.parseLong(cancelled.replaceAll("[^0-9]", ""))));
      assertEquals("(0 : nat, 0 : nat)", s.query(c, "status"));
      run(s, 6_000_000_000L);
      assertEquals("(1 : nat, 0 : nat)", s.query(c, "status"), "the 5 s one-shot fired, the cancelled one did not");
      run(s, 5_000_000_000L);
      assertEquals("(1 : nat, 1 : nat)", s.query(c, "status"), "the recurring timer's first tick");
      run(s, 10_000_000_000L);
      assertEquals("(1 : nat, 2 : nat)", s.query(c, "status"), "and its second; the one-shot stays fired once");
    }
  }

  private static void run(MotokoSubnet s, long nanos) {
    s.subnet.advanceTime(nanos);
    for (int i = 0; i < 5; i++) {
      s.subnet.executeBatch();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cyclesAreAttachedAcceptedAndRefunded(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId a = s.install("Wallet");
      CanisterId b = s.install("Wallet");
      assertEquals("(" + s.subnet.state().canister(a).system().balance().toBigInteger() + " : nat)", s.query(a,
          "balance").replace("_", ""), "Cycles.balance() is the canister's balance");
      assertEquals("(0 : nat)", s.update(b, "receive"), "an ingress message carries no cycles");
      var aBefore = s.subnet.state().canister(a).system().balance();
      assertEquals("(500_000 : nat, 500_000 : nat)", s.update(a, "send", principal(b), nat(1_000_000)));
      var aAfter = s.subnet.state().canister(a).system().balance();
      assertTrue(aBefore.toBigInteger().subtract(aAfter.toBigInteger()).longValue() >= 500_000, aBefore + " -> " + aAfter);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void certifiedDataIsSetAndTheCertificateOnlyReachesQueries(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("Certified");
      byte[] data = "hello, certified".getBytes(StandardCharsets.US_ASCII);
      s.update(c, "set", new IdlValue.Blob(data));
      assertEquals(HexFormat.of().formatHex(data), HexFormat.of().formatHex(
          s.subnet.state().canister(c).system().certifiedData()));
      assertEquals("(null)", s.update(c, "certificateInUpdate"), "no certificate in replicated execution");
      // At most 32 bytes may be certified: ic0.certified_data_set traps (contract violation).
      IngressStatus.Rejected big = rejected(s.call(c, "set", new IdlValue.Blob(new byte[33])));
      assertEquals(RejectCode.CANISTER_ERROR, big.code(), big.message());
      assertEquals("IC0504", big.errorCode(), big.message());
      assertEquals(HexFormat.of().formatHex(data), HexFormat.of().formatHex(
          s.subnet.state().canister(c).system().certifiedData()), "unchanged by the trapped call");
      assertEquals("(null)", s.query(c, "certificate"), "no certificate passed to the query");
      byte[] cert = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, 1, 2, 3};
      QueryResult q = s.subnet.executor().executeQuery(s.subnet.state()::canister, s.subnet.managementQueries(), c,
          MotokoSubnet.USER, "certificate", Candid.encodeInferred(List.of()), s.subnet.time(),
          cert);
      assertEquals("(opt blob \"\\d9\\d9\\f7\\01\\02\\03\")", MotokoSubnet.render(assertInstanceOf(Payload.Data.class,
          q.payload(), q::toString).bytes()));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void trapsRollBackAndRejectsAreReplies(Mode mode) throws Exception {
    try (MotokoSubnet s = new MotokoSubnet(mode)) {
      CanisterId c = s.install("Faults");
      IngressStatus.Rejected t = rejected(s.call(c, "trapWith", text("oops")));
      assertEquals(RejectCode.CANISTER_ERROR, t.code());
      assertEquals("IC0503", t.errorCode(), t.message());
      assertTrue(t.message().contains("oops"), t.message());
      IngressStatus.Rejected a = rejected(s.call(c, "assertFalse"));
      assertEquals(RejectCode.CANISTER_ERROR, a.code());
      assertEquals("IC0503", a.errorCode(), a.message());
      assertTrue(a.message().contains("assertion failed"), a.message());
      assertEquals("(3 : nat64)", s.update(c, "divide", new IdlValue.Nat64(7), new IdlValue.Nat64(2)));
      IngressStatus.Rejected d = rejected(s.call(c, "divide", new IdlValue.Nat64(7), new IdlValue.Nat64(0)));
      assertEquals(RejectCode.CANISTER_ERROR, d.code());
      assertEquals("IC0502", d.errorCode(), d.message());
      assertEquals("(0 : nat)", s.query(c, "get"), "trapped messages changed nothing");
      IngressStatus.Rejected r = rejected(s.call(c, "rejectWith", text("no thanks")));
      assertEquals(RejectCode.CANISTER_REJECT, r.code());
      assertEquals("no thanks", r.message());
      assertEquals("(1 : nat)", s.query(c, "get"), "a reject is a response: the state change is kept");
      QueryResult q = s.queryResult(c, "queryTrap");
      assertNotNull(q.error(), q::toString);
      assertEquals("IC0503", q.error().code().text());
      assertTrue(q.error().description().contains("query trap"), q.error().description());
      IngressStatus.Rejected none = rejected(s.call(c, "noSuchMethod"));
      assertEquals(RejectCode.CANISTER_ERROR, none.code(), none.message());
      assertEquals("IC0536", none.errorCode(), none.message());
    }
  }
}
