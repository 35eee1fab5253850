package dev.jic.http;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.id.NodeId;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.QueryResponse;
import java.util.Optional;

/**
 * Encodes HTTPS-interface response bodies (digest §1.6, §1.9): CBOR maps with text keys, byte
 * strings for blobs and principals, unsigned integers for nats, prefixed with the self-describe
 * tag 55799. Pure.
 */
public final class ResponseCbor {
  private ResponseCbor() {}

  /** {@code /api/v2/status}: root key, version, health and (if any) certified height. */
  public static byte[] status(Blob rootKeyDer, String implVersion, String health, Optional<Long> certifiedHeight) {
    CBORObject m = CBORObject.NewOrderedMap();
    m.Add("root_key", rootKeyDer.toBytes());
    m.Add("impl_version", implVersion);
    m.Add("replica_health_status", health);
    certifiedHeight.ifPresent(h -> m.Add("certified_height", nat(h)));
    return Cbor.encodeWithSelfDescribeTag(m);
  }

  /** The 200 body of a v2 call refused before ordering: {@code {reject_code, reject_message, error_code?}}. */
  public static byte[] callRejection(int rejectCode, String message, Optional<String> errorCode) {
    return Cbor.encodeWithSelfDescribeTag(rejectFields(CBORObject.NewOrderedMap(), rejectCode, message, errorCode));
  }

  /** The 200 body of a v3/v4 call refused before ordering: {@code {status:"non_replicated_rejection", ...}}. */
  public static byte[] syncCallRejection(int rejectCode, String message, Optional<String> errorCode) {
    CBORObject m = CBORObject.NewOrderedMap();
    m.Add("status", "non_replicated_rejection");
    return Cbor.encodeWithSelfDescribeTag(rejectFields(m, rejectCode, message, errorCode));
  }

  /** The 200 body of a v3/v4 call with a certified outcome: {@code {status:"replied", certificate}}. */
  public static byte[] syncCallCertificate(Blob certificate) {
    CBORObject m = CBORObject.NewOrderedMap();
    m.Add("status", "replied");
    m.Add("certificate", certificate.toBytes());
    return Cbor.encodeWithSelfDescribeTag(m);
  }

  /** The read_state body {@code {certificate}}. */
  public static byte[] readState(Blob certificate) {
    CBORObject m = CBORObject.NewOrderedMap();
    m.Add("certificate", certificate.toBytes());
    return Cbor.encodeWithSelfDescribeTag(m);
  }

  /**
   * A signed query response: {@code {status:"replied", reply:{arg}, signatures}} or
   * {@code {status:"rejected", reject_code, reject_message, error_code?, signatures}} with one
   * node signature {@code {timestamp, signature, identity}}. The fields match what the node signed
   * ({@link QueryResponse#signedMap}), so a client can rebuild the signed hash from the body.
   */
  public static byte[] query(QueryResponse response, long timestampNanos, byte[] signature, NodeId node) {
    return QueryResponseCbor.encode(response, timestampNanos, signature, node);
  }

  private static CBORObject rejectFields(CBORObject m, int rejectCode, String message, Optional<String> errorCode) {
    m.Add("reject_code", nat(rejectCode));
    m.Add("reject_message", message);
    errorCode.ifPresent(ec -> m.Add("error_code", ec));
    return m;
  }

  /** An unsigned 64-bit value as a CBOR major-type-0 integer. */
  static CBORObject nat(long unsigned) {
    return unsigned >= 0
        ? CBORObject.FromObject(unsigned)
        : CBORObject.FromObject(EInteger.FromString(Long.toUnsignedString(unsigned)));
  }
}
