package dev.jic.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.replicated.IngressHistory;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.RejectCode;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The optimised {@link SubnetCodec#encodeIngress} (one pre-sized buffer, principals written in
 * place, ASCII text without an intermediate array) against a naive reference written from the
 * format description: byte at a time through a {@link ByteArrayOutputStream}, as the encoder was
 * before the optimisation. Random histories cover every status kind, principals of 0 to 29 bytes,
 * empty and long replies, and text with ASCII, non-ASCII, supplementary and lone-surrogate chars.
 */
class IngressCodecDifferentialTest {

  @Property(tries = 200)
  void optimisedEncoderMatchesTheReference(@ForAll long seed) {
    IngressHistory h = randomHistory(new Random(seed));
    assertEquals(HexFormat.of().formatHex(reference(h)), HexFormat.of().formatHex(SubnetCodec.encodeIngress(h)));
  }

  static IngressHistory randomHistory(Random r) {
    IngressHistory h = new IngressHistory();
    int n = r.nextInt(40);
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      r.nextBytes(id);
      CanisterId c = new CanisterId(principal(r));
      PrincipalId u = principal(r);
      long t = r.nextLong();
      IngressStatus s =
          switch (r.nextInt(5)) {
            case 0 -> new IngressStatus.Received(c, u, t);
            case 1 -> new IngressStatus.Processing(c, u, t);
            case 2 -> {
              byte[] reply = new byte[r.nextInt(4) == 0 ? r.nextInt(5000) : r.nextInt(20)];
              r.nextBytes(reply);
              yield new IngressStatus.Replied(c, u, t, reply);
            }
            case 3 -> new IngressStatus.Rejected(c, u, t, RejectCode.values()[r.nextInt(RejectCode.values().length)],
                text(r), text(r));
            default -> new IngressStatus.Done(c, u, t);
          };
      h.set(RequestId.of(id), s);
    }
    return h;
  }

  static PrincipalId principal(Random r) {
    byte[] b = new byte[r.nextInt(PrincipalId.MAX_LENGTH + 1)];
    r.nextBytes(b);
    return PrincipalId.of(b);
  }

  static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4) == 0 ? r.nextInt(300) : r.nextInt(12);
    String[] pieces = {"a", "Z", "0", " ", "\u0000", "\u007f", "\u0080", "é", "\u20ac", "\ud83d\ude00", "\ud800", "\udc00"};
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(3) == 0 ? pieces[r.nextInt(pieces.length)] : String.valueOf((char) ('a' + r.nextInt(26))));
    }
    return sb.toString();
  }

  /** The format, naively: version, count, then per entry id, tag, receiver, user, time, extras. */
  static byte[] reference(IngressHistory h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    u32(out, 1);
    u32(out, h.size());
    for (Map.Entry<RequestId, IngressStatus> e : h.entries().entrySet()) {
      out.writeBytes(e.getKey().toBytes());
      IngressStatus s = e.getValue();
      int tag =
          switch (s) {
            case IngressStatus.Received x -> 0;
            case IngressStatus.Processing x -> 1;
            case IngressStatus.Replied x -> 2;
            case IngressStatus.Rejected x -> 3;
            case IngressStatus.Done x -> 4;
          };
      out.write(tag);
      bytes(out, s.receiver().principal().toBytes());
      bytes(out, s.user().toBytes());
      for (int i = 0; i < 8; i++) {
        out.write((int) (s.timeNanos() >>> (8 * i)));
      }
      if (s instanceof IngressStatus.Replied x) {
        bytes(out, x.reply());
      } else if (s instanceof IngressStatus.Rejected x) {
        u32(out, x.code().code());
        bytes(out, x.message().getBytes(StandardCharsets.UTF_8));
        bytes(out, x.errorCode().getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    for (int i = 0; i < 4; i++) {
      out.write(v >>> (8 * i));
    }
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    u32(out, b.length);
    out.writeBytes(b);
  }
}
