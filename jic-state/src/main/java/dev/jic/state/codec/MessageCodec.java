package dev.jic.state.codec;

import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.replicated.RejectCode;
import dev.jic.replicated.Request;
import dev.jic.replicated.Response;
import dev.jic.replicated.SubnetMessage;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.RequestId;

/**
 * Checkpoint encodings (format version 1) of messages and statuses: ingress messages, requests,
 * responses, ingress statuses and call origins. Tags are explicit numbers (never enum ordinals).
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** A request id: 32 raw bytes. */
  public static void requestId(BinWriter w, RequestId id) {
    w.raw(id.toBytes());
  }

  /** Reads a request id. */
  public static RequestId requestId(BinReader r) throws DecodeException {
    return RequestId.of(r.raw(RequestId.LENGTH));
  }

  /** An inducted ingress message. */
  public static void ingress(BinWriter w, Ingress i) {
    requestId(w, i.messageId());
    w.principal(i.source()).canister(i.receiver()).str(i.method()).bytes(i.payload()).u64(i.expiryNanos());
  }

  /** Reads an ingress message. */
  public static Ingress ingress(BinReader r) throws DecodeException {
    return new Ingress(requestId(r), r.principal(), r.canister(), r.str(), r.bytes(), r.u64());
  }

  /** A canister request. */
  public static void request(BinWriter w, Request q) {
    w.canister(q.receiver()).canister(q.sender()).str(q.method()).bytes(q.payload()).cycles(q.cycles())
        .u64(q.senderCallbackId()).u64(q.deadlineNanos());
  }

  /** Reads a canister request. */
  public static Request request(BinReader r) throws DecodeException {
    return new Request(r.canister(), r.canister(), r.str(), r.bytes(), r.cycles(), r.u64(), r.u64());
  }

  /** A subnet-queue message: tag 0 ingress, 1 request. */
  public static void subnetMessage(BinWriter w, SubnetMessage m) {
    switch (m) {
      case Ingress i -> {
        w.u8(0);
        ingress(w, i);
      }
      case Request q -> {
        w.u8(1);
        request(w, q);
      }
    }
  }

  /** Reads a subnet-queue message. */
  public static SubnetMessage subnetMessage(BinReader r) throws DecodeException {
    int tag = r.u8();
    return switch (tag) {
      case 0 -> ingress(r);
      case 1 -> request(r);
      default -> throw new DecodeException("bad subnet message tag " + tag);
    };
  }

  /** A response: payload tag 0 reply data, 1 reject (u32 code, message). */
  public static void response(BinWriter w, Response p) {
    w.canister(p.originator()).canister(p.respondent()).u64(p.originatorCallbackId()).cycles(p.refund());
    switch (p.payload()) {
      case Payload.Data d -> w.u8(0).bytes(d.bytes());
      case Payload.Reject j -> w.u8(1).u32(j.code().code()).str(j.message());
    }
    w.u64(p.deadlineNanos());
  }

  /** Reads a response. */
  public static Response response(BinReader r) throws DecodeException {
    var originator = r.canister();
    var respondent = r.canister();
    long cb = r.u64();
    var refund = r.cycles();
    int tag = r.u8();
    Payload payload =
        switch (tag) {
          case 0 -> new Payload.Data(r.bytes());
          case 1 -> new Payload.Reject(rejectCode(r.u32()), r.str());
          default -> throw new DecodeException("bad payload tag " + tag);
        };
    return new Response(originator, respondent, cb, refund, payload, r.u64());
  }

  private static RejectCode rejectCode(int code) throws DecodeException {
    for (RejectCode c : RejectCode.values()) {
      if (c.code() == code) {
        return c;
      }
    }
    throw new DecodeException("bad reject code " + code);
  }

  /**
   * An ingress status: tag (0 received, 1 processing, 2 replied, 3 rejected, 4 done), receiver,
   * user, time, then the reply, or the reject code, message and error code.
   */
  public static void status(BinWriter w, IngressStatus s) {
    int tag =
        switch (s) {
          case IngressStatus.Received x -> 0;
          case IngressStatus.Processing x -> 1;
          case IngressStatus.Replied x -> 2;
          case IngressStatus.Rejected x -> 3;
          case IngressStatus.Done x -> 4;
        };
    w.u8(tag).canister(s.receiver()).principal(s.user()).u64(s.timeNanos());
    switch (s) {
      case IngressStatus.Replied x -> w.bytes(x.reply());
      case IngressStatus.Rejected x -> w.u32(x.code().code()).str(x.message()).str(x.errorCode());
      default -> {}
    }
  }

  /** Reads an ingress status. */
  public static IngressStatus status(BinReader r) throws DecodeException {
    int tag = r.u8();
    var receiver = r.canister();
    var user = r.principal();
    long t = r.u64();
    return switch (tag) {
      case 0 -> new IngressStatus.Received(receiver, user, t);
      case 1 -> new IngressStatus.Processing(receiver, user, t);
      case 2 -> new IngressStatus.Replied(receiver, user, t, r.bytes());
      case 3 -> new IngressStatus.Rejected(receiver, user, t, rejectCode(r.u32()), r.str(), r.str());
      case 4 -> new IngressStatus.Done(receiver, user, t);
      default -> throw new DecodeException("bad ingress status tag " + tag);
    };
  }

  /** A call origin: tag 0 ingress, 1 canister, 2 query, 3 system task. */
  public static void origin(BinWriter w, CallOrigin o) {
    switch (o) {
      case CallOrigin.Ingress i -> {
        w.u8(0).principal(i.user());
        requestId(w, i.messageId());
      }
      case CallOrigin.Canister c -> w.u8(1).canister(c.sender()).u64(c.callbackId()).u64(c.deadlineNanos());
      case CallOrigin.Query q -> w.u8(2).principal(q.user());
      case CallOrigin.SystemTask s -> w.u8(3);
    }
  }

  /** Reads a call origin. */
  public static CallOrigin origin(BinReader r) throws DecodeException {
    int tag = r.u8();
    return switch (tag) {
      case 0 -> new CallOrigin.Ingress(r.principal(), requestId(r));
      case 1 -> new CallOrigin.Canister(r.canister(), r.u64(), r.u64());
      case 2 -> new CallOrigin.Query(r.principal());
      case 3 -> new CallOrigin.SystemTask();
      default -> throw new DecodeException("bad call origin tag " + tag);
    };
  }
}
