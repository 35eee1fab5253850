package dev.jic.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.cert.Certificate;
import dev.jic.crypto.cert.CertificateScope;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.crypto.cert.CertificateTime;
import dev.jic.crypto.cert.CertificateVerification;
import dev.jic.crypto.cert.CertificateVerifier;
import dev.jic.crypto.cert.Delegation;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificates built and signed by jic, verified by {@code @dfinity/agent} 3.4.3
 * ({@code Certificate.create}, {@code lookup_path}) through {@code interop/js/cert.mjs}. Every case
 * is also verified by jic's {@link CertificateVerifier}, and both must agree. All cases run in one
 * Node process.
 */
class CertificateInteropTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BlsKeyPair ROOT = keys(11);
  private static final BlsKeyPair SUBNET_KEYS = keys(12);
  private static final BlsKeyPair OTHER = keys(13);
  private static final SubnetId SUBNET =
      new SubnetId(PrincipalId.selfAuthenticating(BlsDer.encode(SUBNET_KEYS.publicKey())));
  private static final CanisterId CANISTER = CanisterId.fromU64(7);
  private static final CanisterId OUTSIDE = CanisterId.fromU64(0x200000); // above the range [0, 0xfffff]
  private static final byte[] RID = Sha.sha256(utf8("a request"));
  private static final byte[] MISSING_RID = Sha.sha256(utf8("another request"));

  /** Paths looked up in every verified case, by both jic and agent-js. */
  private static final List<List<byte[]>> LOOKUPS =
      List.of(
          LabeledTree.path("time"),
          LabeledTree.path("canister", CANISTER.toBytes(), "certified_data"),
          LabeledTree.path("canister", CANISTER.toBytes(), "module_hash"),
          LabeledTree.path("request_status", RID, "status"),
          LabeledTree.path("request_status", RID, "reply"),
          LabeledTree.path("request_status", MISSING_RID, "status"),
          LabeledTree.path("canister", CANISTER.toBytes(), "nothing_here"),
          LabeledTree.path("canister", CANISTER.toBytes()),
          LabeledTree.path("zzz"));

  private static final List<Case> CASES = new ArrayList<>();
  private static final Map<String, String> OUTCOMES = new HashMap<>();
  private static final Map<String, List<String[]>> AGENT_LOOKUPS = new HashMap<>();

  private record Case(String name, byte[] certificate, CanisterId canister, HashTree tree) {}

  private static BlsKeyPair keys(int seed) {
    byte[] ikm = new byte[32];
    Arrays.fill(ikm, (byte) seed);
    return BlsBasic.keyPairFromSeed(ikm);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A state tree as a replica would certify it, with /time close to the real current time. */
  private static LabeledTree state(long nowNanos) {
    return LabeledTree.builder()
        .put(LabeledTree.path("time"), Leb128.encodeUnsigned(nowNanos))
        .put(LabeledTree.path("canister", CANISTER.toBytes(), "certified_data"), utf8("certified!"))
        .put(LabeledTree.path("canister", CANISTER.toBytes(), "module_hash"), Sha.sha256(utf8("wasm")))
        .put(LabeledTree.path("canister", CanisterId.fromU64(9).toBytes(), "certified_data"), new byte[] {9})
        .put(LabeledTree.path("request_status", RID, "status"), utf8("replied"))
        .put(LabeledTree.path("request_status", RID, "reply"), HEX.parseHex("4449444c0000"))
        .put(LabeledTree.path("request_status", Sha.sha256(utf8("x")), "status"), utf8("processing"))
        .build();
  }

  /** The root subnet's tree: /time, the subnet's DER key and its canister ranges (legacy path). */
  private static LabeledTree rootSubnetState(long nowNanos) {
    CanisterRanges ranges =
        new CanisterRanges(
            List.of(new CanisterRanges.Range(CanisterId.fromU64(0), CanisterId.fromU64(0xfffff))));
    return LabeledTree.builder()
        .put(LabeledTree.path("time"), Leb128.encodeUnsigned(nowNanos))
        .put(LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"), BlsDer.encode(SUBNET_KEYS.publicKey()))
        .put(LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges"), ranges.toCbor())
        .put(LabeledTree.path("subnet", new byte[] {1, 2, 3}, "public_key"), BlsDer.encode(OTHER.publicKey()))
        .build();
  }

  @BeforeAll
  static void runAgent() {
    long now = System.currentTimeMillis() * 1_000_000L; // reading the clock is fine in a test
    LabeledTree state = state(now);
    HashTree full = state.toHashTree();
    HashTree witness =
        state.witness(
            List.of(
                LabeledTree.path("time"),
                LabeledTree.path("request_status", RID),
                LabeledTree.path("request_status", MISSING_RID),
                LabeledTree.path("canister", CANISTER.toBytes(), "certified_data"),
                LabeledTree.path("canister", CANISTER.toBytes(), "nothing_here"),
                LabeledTree.path("zzz")));
    LabeledTree rootState = rootSubnetState(now);
    HashTree delegationWitness =
        rootState.witness(
            List.of(
                LabeledTree.path("time"),
                LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"),
                LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges")));
    Delegation delegation =
        new Delegation(SUBNET, CertificateSigner.sign(delegationWitness, ROOT.secretKey()).toCbor());
    Delegation forgedDelegation =
        new Delegation(SUBNET, CertificateSigner.sign(delegationWitness, OTHER.secretKey()).toCbor());

    // Ranges only in the newer sharded form /canister_ranges/<sid>/<first>, no legacy path.
    LabeledTree shardsOnly =
        LabeledTree.builder()
            .put(LabeledTree.path("time"), Leb128.encodeUnsigned(now))
            .put(LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"), BlsDer.encode(SUBNET_KEYS.publicKey()))
            .put(
                LabeledTree.path("canister_ranges", SUBNET.toBytes(), CanisterId.fromU64(0).toBytes()),
                new CanisterRanges(List.of(new CanisterRanges.Range(CanisterId.fromU64(0), CanisterId.fromU64(0xfffff)))).toCbor())
            .build();
    Delegation shardDelegation =
        new Delegation(SUBNET, CertificateSigner.sign(shardsOnly.toHashTree(), ROOT.secretKey()).toCbor());

    add("delegated_shards_only", CertificateSigner.sign(witness, SUBNET_KEYS.secretKey(), shardDelegation), CANISTER);
    add("root_full", CertificateSigner.sign(full, ROOT.secretKey()), CANISTER);
    add("root_witness", CertificateSigner.sign(witness, ROOT.secretKey()), CANISTER);
    add("wrong_signature", CertificateSigner.sign(witness, OTHER.secretKey()), CANISTER);
    add("delegated", CertificateSigner.sign(witness, SUBNET_KEYS.secretKey(), delegation), CANISTER);
    add("delegated_outside_ranges", CertificateSigner.sign(witness, SUBNET_KEYS.secretKey(), delegation), OUTSIDE);
    add("delegated_forged", CertificateSigner.sign(witness, SUBNET_KEYS.secretKey(), forgedDelegation), CANISTER);
    add("delegated_signed_by_root", CertificateSigner.sign(witness, ROOT.secretKey(), delegation), CANISTER);

    StringBuilder json = new StringBuilder("{\"cases\":[");
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"name\":\"").append(c.name())
          .append("\",\"certificate\":\"").append(HEX.formatHex(c.certificate()))
          .append("\",\"rootKey\":\"").append(HEX.formatHex(BlsDer.encode(ROOT.publicKey())))
          .append("\",\"canisterId\":\"").append(c.canister().principal().toText())
          .append("\",\"lookups\":[");
      for (int j = 0; j < LOOKUPS.size(); j++) {
        json.append(j == 0 ? "[" : ",[");
        List<byte[]> p = LOOKUPS.get(j);
        for (int k = 0; k < p.size(); k++) {
          json.append(k == 0 ? "\"" : ",\"").append(HEX.formatHex(p.get(k))).append('"');
        }
        json.append(']');
      }
      json.append("]}");
    }
    json.append("]}");
    String out = NodeScript.run("cert.mjs", json.toString());
    for (String line : out.split("\n")) {
      String[] f = line.split(" ", 4);
      if (f[0].equals("CASE")) {
        OUTCOMES.put(f[1], f[2] + (f.length > 3 ? " " + f[3] : ""));
      } else if (f[0].equals("LOOKUP")) {
        String[] g = line.split(" ");
        AGENT_LOOKUPS.computeIfAbsent(g[1], k -> new ArrayList<>()).add(new String[] {g[3], g[4]});
      }
    }
  }

  private static void add(String name, Certificate cert, CanisterId canister) {
    CASES.add(new Case(name, cert.toCbor(), canister, cert.tree()));
  }

  private static Case byName(String name) {
    return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static CertificateVerification jic(String name) {
    Case c = byName(name);
    return CertificateVerifier.verify(c.certificate(), ROOT.publicKey(), CertificateScope.canister(c.canister()));
  }

  private static String status(LookupResult r) {
    return switch (r) {
      case LookupResult.Found f -> "Found";
      case LookupResult.Absent a -> "Absent";
      case LookupResult.Unknown u -> "Unknown";
      case LookupResult.Error e -> "Error";
    };
  }

  /** Both verifiers accept, and agent-js's lookups equal jic's on every path. */
  private static void assertAcceptedWithSameLookups(String name) {
    assertEquals("OK", OUTCOMES.get(name), name + " rejected by agent-js");
    assertTrue(jic(name).isValid(), name + " rejected by jic: " + jic(name));
    HashTree tree = byName(name).tree();
    long now = System.currentTimeMillis() * 1_000_000L;
    assertTrue(CertificateTime.check(tree, now).isFresh());
    List<String[]> agent = AGENT_LOOKUPS.get(name);
    assertEquals(LOOKUPS.size(), agent.size());
    for (int i = 0; i < LOOKUPS.size(); i++) {
      LookupResult r = tree.lookup(LOOKUPS.get(i));
      String value = r instanceof LookupResult.Found f ? HEX.formatHex(f.value()) : "-";
      assertEquals(status(r) + " " + value, agent.get(i)[0] + " " + agent.get(i)[1], name + " lookup " + i);
    }
  }

  private static void assertRejected(String name, CertificateVerification.Failure jicFailure) {
    assertTrue(OUTCOMES.get(name).startsWith("FAIL"), name + " accepted by agent-js");
    CertificateVerification v = jic(name);
    assertEquals(jicFailure, v instanceof CertificateVerification.Invalid i ? i.failure() : null, name);
  }

  @Test
  void rootSignedFullTreeVerifiesAndLooksUpTheSame() {
    assertAcceptedWithSameLookups("root_full");
    assertEquals("Found", AGENT_LOOKUPS.get("root_full").get(2)[0]); // module_hash revealed
    assertEquals("Error", AGENT_LOOKUPS.get("root_full").get(7)[0]); // inner node
  }

  @Test
  void rootSignedWitnessVerifiesWithAbsenceProofs() {
    assertAcceptedWithSameLookups("root_witness");
    List<String[]> l = AGENT_LOOKUPS.get("root_witness");
    assertEquals("Found", l.get(3)[0]);
    assertEquals(HEX.formatHex(utf8("replied")), l.get(3)[1]);
    assertEquals("Unknown", l.get(2)[0]); // module_hash pruned
    assertEquals("Absent", l.get(5)[0]); // missing request id proven absent
    assertEquals("Absent", l.get(6)[0]);
    assertEquals("Absent", l.get(8)[0]);
  }

  @Test
  void wrongSignatureIsRejected() {
    assertRejected("wrong_signature", CertificateVerification.Failure.BAD_SIGNATURE);
  }

  @Test
  void delegatedCertificateVerifies() {
    assertAcceptedWithSameLookups("delegated");
  }

  @Test
  void canisterOutsideDelegatedRangesIsRejected() {
    assertRejected("delegated_outside_ranges", CertificateVerification.Failure.NOT_AUTHORIZED);
    // agent-js: TrustError "... does not include the canister ... in the canister_ranges field".
    assertTrue(OUTCOMES.get("delegated_outside_ranges").contains("canister_ranges"),
        OUTCOMES.get("delegated_outside_ranges"));
  }

  @Test
  void forgedDelegationAndWrongSignerAreRejected() {
    assertRejected("delegated_forged", CertificateVerification.Failure.DELEGATION_BAD_SIGNATURE);
    assertRejected("delegated_signed_by_root", CertificateVerification.Failure.BAD_SIGNATURE);
  }

  /**
   * agent-js 3.4.3 reads only the legacy {@code /subnet/<sid>/canister_ranges}: a delegation that
   * has only the sharded {@code /canister_ranges/<sid>/...} is valid per the spec (jic accepts it)
   * but agent-js rejects it. So a jic replica must keep the legacy path in its delegations.
   */
  @Test
  void agentJsNeedsTheLegacyRangesPath() {
    assertTrue(jic("delegated_shards_only").isValid());
    assertTrue(OUTCOMES.get("delegated_shards_only").startsWith("FAIL"), OUTCOMES.get("delegated_shards_only"));
    assertTrue(OUTCOMES.get("delegated_shards_only").contains("canister ranges"), OUTCOMES.get("delegated_shards_only"));
  }
}
