package dev.jic.crypto.cert;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.crypto.bls.BlsException;
import dev.jic.crypto.bls.BlsSignature;
import dev.jic.crypto.tree.CborBytesWriter;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeCbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.id.SubnetId;
import java.util.Optional;

/**
 * CBOR codec of certificates (certificates.cddl):
 * {@code #6.55799({tree: hash-tree, signature: bytes, ? delegation: {subnet_id: bytes,
 * certificate: bytes}})}.
 *
 * <p>Encoding is canonical: definite lengths, shortest integers, the self-describe tag on the
 * outside, map keys in the order {@code tree, signature, delegation} and {@code subnet_id,
 * certificate} (which is both the IC's field order and CBOR's length-first canonical order).
 * Decoding accepts the outer tag or its absence, ignores unknown map keys (as the IC's and
 * agent-js's decoders do), and throws {@link DecodeException} for anything else that is wrong.
 */
public final class CertificateCbor {
  /** The CBOR self-describe tag. */
  public static final int SELF_DESCRIBE_TAG = 55799;

  private CertificateCbor() {}

  /**
   * The canonical CBOR bytes of {@code cert}, written directly (the same bytes as {@link
   * #encodeWithLibrary}, which the tests compare it with).
   */
  public static byte[] encode(Certificate cert) {
    byte[] sig = cert.signature().toBytes();
    CborBytesWriter w = new CborBytesWriter(512 + sig.length
        + cert.delegation().map(d -> d.certificate().length + 64).orElse(0));
    w.head(6, SELF_DESCRIBE_TAG).head(5, cert.delegation().isPresent() ? 3 : 2);
    w.text("tree");
    HashTreeCbor.write(cert.tree(), w);
    w.text("signature").bytes(sig);
    if (cert.delegation().isPresent()) {
      Delegation d = cert.delegation().get();
      w.text("delegation").head(5, 2).text("subnet_id").bytes(d.subnetId().toBytes())
          .text("certificate").bytes(d.certificate());
    }
    return w.toBytes();
  }

  /** The canonical CBOR bytes of {@code cert} built through the general CBOR library (reference). */
  public static byte[] encodeWithLibrary(Certificate cert) {
    CBORObject m = CBORObject.NewOrderedMap();
    m.Add("tree", HashTreeCbor.toCbor(cert.tree()));
    m.Add("signature", CBORObject.FromObject(cert.signature().toBytes()));
    cert.delegation()
        .ifPresent(
            d -> {
              CBORObject dm = CBORObject.NewOrderedMap();
              dm.Add("subnet_id", CBORObject.FromObject(d.subnetId().toBytes()));
              dm.Add("certificate", CBORObject.FromObject(d.certificate()));
              m.Add("delegation", dm);
            });
    return m.WithTag(SELF_DESCRIBE_TAG).EncodeToBytes();
  }

  /**
   * Decodes a certificate.
   *
   * @throws DecodeException if the bytes are not one CBOR item, carry a tag other than one outer
   *     55799, lack {@code tree} or {@code signature}, have a malformed or ill-formed tree, a
   *     signature that is not 48 bytes, or a malformed delegation (subnet id over 29 bytes,
   *     missing fields, wrong types)
   */
  public static Certificate decode(byte[] bytes) throws DecodeException {
    CBORObject o = parse(bytes, "certificate");
    if (o.getType() != CBORType.Map) {
      throw new DecodeException("certificate is not a CBOR map");
    }
    CBORObject tree = field(o, "tree", null, "certificate");
    HashTree t = HashTreeCbor.fromCbor(tree);
    byte[] sig = bytesField(o, "signature", "certificate");
    BlsSignature signature;
    try {
      signature = BlsSignature.fromBytes(sig);
    } catch (BlsException e) {
      throw new DecodeException("certificate signature: " + e.getMessage(), e);
    }
    Optional<Delegation> delegation = Optional.empty();
    CBORObject d = o.get("delegation");
    if (d != null) {
      if (d.isTagged() || d.getType() != CBORType.Map) {
        throw new DecodeException("certificate delegation is not an untagged map");
      }
      byte[] subnet = bytesField(d, "subnet_id", "delegation");
      byte[] inner = bytesField(d, "certificate", "delegation");
      try {
        delegation = Optional.of(new Delegation(SubnetId.of(subnet), inner));
      } catch (PrincipalFormatException e) {
        throw new DecodeException("delegation subnet_id: " + e.getMessage(), e);
      }
    }
    return new Certificate(t, signature, delegation);
  }

  /**
   * Parses one CBOR item, removing one outer self-describe tag if present.
   *
   * @throws DecodeException on invalid CBOR, trailing bytes, or any remaining tag at the top
   */
  static CBORObject parse(byte[] bytes, String what) throws DecodeException {
    CBORObject o;
    try {
      o = CBORObject.DecodeFromBytes(bytes);
    } catch (CBORException | IllegalArgumentException | IllegalStateException e) {
      throw new DecodeException(what + ": invalid CBOR: " + e.getMessage(), e);
    }
    if (o.getTagCount() == 1 && o.HasMostOuterTag(SELF_DESCRIBE_TAG)) {
      o = o.UntagOne();
    }
    if (o.isTagged()) {
      throw new DecodeException(what + ": unexpected CBOR tag");
    }
    return o;
  }

  private static CBORObject field(CBORObject map, String key, CBORType type, String what)
      throws DecodeException {
    CBORObject v = map.get(key);
    if (v == null) {
      throw new DecodeException(what + " lacks field " + key);
    }
    if (type != null && (v.isTagged() || v.getType() != type)) {
      throw new DecodeException(what + " field " + key + " is not an untagged " + type);
    }
    return v;
  }

  private static byte[] bytesField(CBORObject map, String key, String what) throws DecodeException {
    return field(map, key, CBORType.ByteString, what).GetByteString();
  }
}
