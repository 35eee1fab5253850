package dev.jic.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jic.replicated.IngressHistory;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.RejectCode;
import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins {@code ingress_history.bin} (checkpoint format version 1) byte for byte, one or more entries
 * of every status kind. The expected hex was written by hand from the format in {@link
 * MessageCodec#status} and {@link BinWriter} (u32/u64 little-endian, u32-length-prefixed byte
 * strings and UTF-8 text, one tag byte) and then checked against the encoder as it was before it
 * was optimised (commit 025e7ac): any change here changes every checkpoint's manifest.
 */
class IngressCodecGoldenTest {
  static final String CANISTER_5 = "0a000000" + "00000000000000050101"; // len 10, u64_be(5) · 01 · 01
  static final String CANISTER_0 = "0a000000" + "00000000000000000101";
  static final String ANONYMOUS = "01000000" + "04";

  static final String EXPECTED =
      "01000000" // version 1
          + "07000000" // 7 entries, ascending id
          // Received: tag 0, receiver, user anonymous, time 0x0102030405060708
          + "01".repeat(32) + "00" + CANISTER_5 + ANONYMOUS + "0807060504030201"
          // Processing: tag 1, user = management canister (empty principal), time 1
          + "02".repeat(32) + "01" + CANISTER_5 + "00000000" + "0100000000000000"
          // Replied: tag 2, user 09090902, time 2, reply dead
          + "03".repeat(32) + "02" + CANISTER_0 + "04000000" + "09090902" + "0200000000000000"
          + "02000000" + "dead"
          // Replied with an empty reply, time 3
          + "04".repeat(32) + "02" + CANISTER_5 + ANONYMOUS + "0300000000000000" + "00000000"
          // Rejected: tag 3, time -1, code 4, message "é!" (UTF-8 c3 a9 21), error code "IC0503"
          + "05".repeat(32) + "03" + CANISTER_5 + ANONYMOUS + "ffffffffffffffff" + "04000000"
          + "03000000" + "c3a921" + "06000000" + "494330353033"
          // Rejected: code 1, empty message and error code, time 4
          + "06".repeat(32) + "03" + CANISTER_5 + ANONYMOUS + "0400000000000000" + "01000000"
          + "00000000" + "00000000"
          // Done: tag 4, time 5
          + "07".repeat(32) + "04" + CANISTER_5 + ANONYMOUS + "0500000000000000";

  static RequestId id(int b) {
    byte[] x = new byte[32];
    java.util.Arrays.fill(x, (byte) b);
    return RequestId.of(x);
  }

  static IngressHistory example() {
    CanisterId c5 = CanisterId.fromU64(5);
    PrincipalId anon = PrincipalId.ANONYMOUS;
    IngressHistory h = new IngressHistory();
    // Inserted out of order: the encoding is in id order whatever the insertion order.
    h.set(id(7), new IngressStatus.Done(c5, anon, 5));
    h.set(id(1), new IngressStatus.Received(c5, anon, 0x0102030405060708L));
    h.set(id(2), new IngressStatus.Processing(c5, PrincipalId.MANAGEMENT_CANISTER, 1));
    h.set(id(3), new IngressStatus.Replied(CanisterId.fromU64(0), PrincipalId.of(new byte[] {9, 9, 9, 2}), 2,
        new byte[] {(byte) 0xde, (byte) 0xad}));
    h.set(id(4), new IngressStatus.Replied(c5, anon, 3, new byte[0]));
    h.set(id(6), new IngressStatus.Rejected(c5, anon, 4, RejectCode.SYS_FATAL, "", ""));
    h.set(id(5), new IngressStatus.Rejected(c5, anon, -1, RejectCode.CANISTER_REJECT, "é!", "IC0503"));
    return h;
  }

  @Test
  void everyStatusKindIsPinned() throws Exception {
    byte[] got = SubnetCodec.encodeIngress(example());
    assertEquals(EXPECTED, HexFormat.of().formatHex(got));
    IngressHistory back = new IngressHistory();
    SubnetCodec.decodeIngress(got, back);
    assertEquals(example().entries(), back.entries());
  }

  @Test
  void emptyHistoryIsPinned() {
    assertEquals("0100000000000000", HexFormat.of().formatHex(SubnetCodec.encodeIngress(new IngressHistory())));
  }
}
