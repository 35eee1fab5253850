package dev.jic.types.messages;

import com.upokecenter.cbor.CBORObject;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EnvelopeParserPropertiesTest {

  private static final byte[] VALID;

  static {
    CBORObject env = CBORObject.NewOrderedMap();
    TreeMap<String, HashValue> c = Envelopes.call("call", new byte[] {1, 2, 3}, 1_700_000_000_000_000_000L);
    c.put("nonce", new HashValue.Blob(new byte[] {5, 6}));
    env.Add("content", HashValueCbor.mapToCbor(c));
    env.Add("sender_pubkey", new byte[44]);
    env.Add("sender_sig", new byte[64]);
    TreeMap<String, HashValue> d = new TreeMap<>();
    d.put("pubkey", new HashValue.Blob(new byte[44]));
    d.put("expiration", HashValue.Nat.ofUnsigned(5));
    d.put("targets", new HashValue.Array(List.of(new HashValue.Blob(Envelopes.CANISTER))));
    env.Add("sender_delegation", CBORObject.NewArray().Add(
        CBORObject.NewOrderedMap().Add("delegation", HashValueCbor.mapToCbor(d)).Add("signature", new byte[64])));
    VALID = Envelopes.envelope(env);
  }

  /** Mutated envelopes (flipped, dropped, inserted bytes) parse or fail only with DecodeException. */
  @Property(tries = 3000)
  void mutatedEnvelopesFailOnlyWithDecodeException(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int mutations) {
    Random r = new Random(seed);
    byte[] b = VALID.clone();
    for (int i = 0; i < mutations; i++) {
      int pos = r.nextInt(b.length);
      switch (r.nextInt(3)) {
        case 0 -> b[pos] = (byte) r.nextInt(256);
        case 1 -> b = java.util.Arrays.copyOf(b, pos); // truncate
        default -> {
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, pos);
          n[pos] = (byte) r.nextInt(256);
          System.arraycopy(b, pos, n, pos + 1, b.length - pos);
          b = n;
        }
      }
      if (b.length == 0) {
        break;
      }
    }
    try {
      EnvelopeParser.parse(b);
    } catch (DecodeException expected) {
      // the only allowed failure
    }
  }
}
