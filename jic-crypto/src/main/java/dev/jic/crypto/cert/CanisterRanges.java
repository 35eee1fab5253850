package dev.jic.crypto.cert;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of closed canister id ranges, as certified at {@code /subnet/<sid>/canister_ranges} and in
 * the shards {@code /canister_ranges/<sid>/<first>}: CBOR {@code #6.55799([* [principal
 * principal]])} with principals as byte strings. Ranges compare principals as unsigned bytes.
 * Immutable.
 */
public record CanisterRanges(List<Range> ranges) {

  /** One closed range {@code [start, end]}. */
  public record Range(CanisterId start, CanisterId end) {
    /** Null arguments are a programming error (NPE). */
    public Range {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
    }

    /** True if {@code start <= id <= end}. */
    public boolean contains(CanisterId id) {
      return start.compareTo(id) <= 0 && id.compareTo(end) <= 0;
    }
  }

  /** Copies the list. */
  public CanisterRanges {
    ranges = List.copyOf(ranges);
  }

  /** True if some range contains {@code id}. */
  public boolean contains(CanisterId id) {
    for (Range r : ranges) {
      if (r.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** The canonical CBOR value (self-describe tag, definite lengths). */
  public byte[] toCbor() {
    CBORObject a = CBORObject.NewArray();
    for (Range r : ranges) {
      a.Add(
          CBORObject.NewArray()
              .Add(CBORObject.FromObject(r.start().toBytes()))
              .Add(CBORObject.FromObject(r.end().toBytes())));
    }
    return a.WithTag(CertificateCbor.SELF_DESCRIBE_TAG).EncodeToBytes();
  }

  /**
   * Parses a certified ranges value (the outer self-describe tag is optional).
   *
   * @throws DecodeException if it is not an array of two-element arrays of principal byte strings
   *     (at most 29 bytes each)
   */
  public static CanisterRanges fromCbor(byte[] bytes) throws DecodeException {
    CBORObject o = CertificateCbor.parse(bytes, "canister ranges");
    if (o.getType() != CBORType.Array) {
      throw new DecodeException("canister ranges are not a CBOR array");
    }
    List<Range> out = new ArrayList<>(o.size());
    for (int i = 0; i < o.size(); i++) {
      CBORObject r = o.get(i);
      if (r.isTagged() || r.getType() != CBORType.Array || r.size() != 2) {
        throw new DecodeException("canister range " + i + " is not a pair");
      }
      out.add(new Range(principal(r.get(0)), principal(r.get(1))));
    }
    return new CanisterRanges(out);
  }

  private static CanisterId principal(CBORObject o) throws DecodeException {
    if (o.isTagged() || o.getType() != CBORType.ByteString) {
      throw new DecodeException("a canister range bound is not a byte string");
    }
    try {
      return CanisterId.of(o.GetByteString());
    } catch (PrincipalFormatException e) {
      throw new DecodeException("canister range bound: " + e.getMessage(), e);
    }
  }
}
