package dev.jic.crypto.sig;

import dev.jic.crypto.bls.BlsBasic;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsKeyPair;
import dev.jic.crypto.cert.CanisterRanges;
import dev.jic.crypto.cert.Certificate;
import dev.jic.crypto.cert.CertificateSigner;
import dev.jic.crypto.cert.Delegation;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.crypto.tree.LabeledTree;
import dev.jic.types.encoding.Leb128;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds canister signatures the spec's way (interface spec §"Canister signatures"): the canister
 * puts {@code sig/SHA-256(seed)/SHA-256(message) → ""} in a tree, sets its certified data to the
 * tree's root hash, and the signature is {@code #6.55799({certificate, tree})} with a certificate
 * revealing {@code /canister/<cid>/certified_data}, signed by the root key ({@link #ROOT}) or by a
 * subnet key ({@link #SUBNET_KEYS}) under a root-signed delegation.
 */
public final class CanisterSigFixtures {
  public static final BlsKeyPair ROOT = keys(41);
  public static final BlsKeyPair SUBNET_KEYS = keys(42);
  public static final BlsKeyPair OTHER = keys(43);
  public static final SubnetId SUBNET = new SubnetId(PrincipalId.selfAuthenticating(BlsDer.encode(SUBNET_KEYS.publicKey())));
  /** The subnet's ranges in the delegation: canisters 0..99. */
  public static final CanisterRanges RANGES =
      new CanisterRanges(List.of(new CanisterRanges.Range(CanisterId.fromU64(0), CanisterId.fromU64(99))));
  public static final long TIME_NS = 1_700_000_000_000_000_000L;
  /** OID 1.3.6.1.4.1.56387.1.2 with tag and length (spec; the digest's §3.1 bytes). */
  static final byte[] OID = HexFormat.of().parseHex("060a2b0601040183b8430102");

  private CanisterSigFixtures() {}

  public static BlsKeyPair keys(int seed) {
    byte[] ikm = new byte[32];
    Arrays.fill(ikm, (byte) seed);
    return BlsBasic.keyPairFromSeed(ikm);
  }

  /**
   * The DER SubjectPublicKeyInfo of a canister-signature key: {@code SEQUENCE { SEQUENCE { OID },
   * BIT STRING (0 unused bits) |cid| · cid · seed }} with minimal lengths.
   */
  public static byte[] der(CanisterId cid, byte[] seed) {
    byte[] c = cid.toBytes();
    byte[] key = new byte[1 + c.length + seed.length];
    key[0] = (byte) c.length;
    System.arraycopy(c, 0, key, 1, c.length);
    System.arraycopy(seed, 0, key, 1 + c.length, seed.length);
    byte[] alg = tlv(0x30, OID);
    byte[] bits = new byte[key.length + 1];
    System.arraycopy(key, 0, bits, 1, key.length);
    return tlv(0x30, concat(alg, tlv(0x03, bits)));
  }

  /** The sig tree {@code sig/H(seed)/H(message) → leaf} next to a pruned sibling (as a witness). */
  public static HashTree sigTree(byte[] seed, byte[] message, byte[] leaf) {
    HashTree path = HashTree.labeled("sig",
        HashTree.labeled(Sha.sha256(seed), HashTree.labeled(Sha.sha256(message), HashTree.leaf(leaf))));
    // A pruned subtree standing for other canister data ("sig" < "zzz..." in label order: it is
    // pruned, so its labels are not checked).
    return HashTree.fork(path, HashTree.pruned(Sha.sha256("other data".getBytes(StandardCharsets.US_ASCII))));
  }

  /** A state tree with /time and /canister/{cid}/certified_data = {@code certifiedData}. */
  public static HashTree stateTree(CanisterId cid, byte[] certifiedData) {
    return LabeledTree.builder()
        .put(LabeledTree.path("time"), Leb128.encodeUnsigned(TIME_NS))
        .put(LabeledTree.path("canister", cid.toBytes(), "certified_data"), certifiedData)
        .build()
        .toHashTree();
  }

  /** A root-signed certificate over {@code stateTree(cid, certifiedData)}. */
  public static Certificate rootCertificate(CanisterId cid, byte[] certifiedData, BlsKeyPair signer) {
    return CertificateSigner.sign(stateTree(cid, certifiedData), signer.secretKey());
  }

  /** A subnet-signed certificate with a root-signed delegation for {@link #SUBNET} of {@code subnetType}. */
  public static Certificate delegatedCertificate(CanisterId cid, byte[] certifiedData, String subnetType) {
    LabeledTree.Builder b = LabeledTree.builder()
        .put(LabeledTree.path("time"), Leb128.encodeUnsigned(TIME_NS))
        .put(LabeledTree.path("subnet", SUBNET.toBytes(), "public_key"), BlsDer.encode(SUBNET_KEYS.publicKey()))
        .put(LabeledTree.path("subnet", SUBNET.toBytes(), "canister_ranges"), RANGES.toCbor());
    if (subnetType != null) {
      b.put(LabeledTree.path("subnet", SUBNET.toBytes(), "type"), subnetType.getBytes(StandardCharsets.US_ASCII));
    }
    Delegation d = new Delegation(SUBNET, CertificateSigner.sign(b.build().toHashTree(), ROOT.secretKey()).toCbor());
    return CertificateSigner.sign(stateTree(cid, certifiedData), SUBNET_KEYS.secretKey(), d);
  }

  /** The signature CBOR {@code #6.55799({"certificate": bytes, "tree": tree})}, keys in canonical order. */
  public static byte[] signature(byte[] certificate, HashTree tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HexFormat.of().parseHex("d9d9f7a2")); // tag 55799, map of 2
    out.writeBytes(text("tree"));
    out.writeBytes(HashTreeCbor.encode(tree));
    out.writeBytes(text("certificate"));
    out.writeBytes(head(2, certificate.length));
    out.writeBytes(certificate);
    return out.toByteArray();
  }

  /** A valid root-signed canister signature by (cid, seed) over {@code message}. */
  public static byte[] sign(CanisterId cid, byte[] seed, byte[] message) {
    HashTree tree = sigTree(seed, message, new byte[0]);
    return signature(rootCertificate(cid, tree.digest(), ROOT).toCbor(), tree);
  }

  /** A valid canister signature through a delegation from an "application" subnet. */
  public static byte[] signDelegated(CanisterId cid, byte[] seed, byte[] message) {
    HashTree tree = sigTree(seed, message, new byte[0]);
    return signature(delegatedCertificate(cid, tree.digest(), "application").toCbor(), tree);
  }

  static byte[] text(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return concat(head(3, b.length), b);
  }

  static byte[] head(int major, int n) {
    if (n < 24) {
      return new byte[] {(byte) (major << 5 | n)};
    } else if (n < 256) {
      return new byte[] {(byte) (major << 5 | 24), (byte) n};
    } else if (n < 65536) {
      return new byte[] {(byte) (major << 5 | 25), (byte) (n >> 8), (byte) n};
    }
    return new byte[] {(byte) (major << 5 | 26), (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  private static byte[] tlv(int tag, byte[] content) {
    int n = content.length;
    byte[] len = n < 0x80 ? new byte[] {(byte) n} : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return concat(new byte[] {(byte) tag}, len, content);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
