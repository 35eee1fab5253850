package dev.jic.execution.routing;

import dev.jic.execution.ErrorCode;
import dev.jic.execution.Executor;
import dev.jic.execution.UserError;
import dev.jic.execution.scheduler.IngressStatuses;
import dev.jic.interfaces.consensus.IngressMessage;
import dev.jic.replicated.CallOrigin;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.Ingress;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.ReplicatedState;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.EnvelopeParser;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.unit.Cycles;
import java.util.Optional;

/**
 * Inducts ingress messages into input queues (status {@code received}), or rejects them at once:
 * unknown canister (IC0301), stopping / stopped canister (IC0509 / IC0508), or a canister that
 * cannot pay the ingress induction fee above its freezing limit (IC0207). Messages already in the
 * ingress history or expired are ignored. Management-canister messages go to the subnet queue.
 */
public final class Induction {
  private final Executor executor;

  public Induction(Executor executor) {
    this.executor = executor;
  }

  /**
   * Parses the signed bytes of a batch's ingress message (authenticated at the HTTP layer; here
   * only decoded). Empty if they are not a call envelope. Uses the parse the message carries
   * ({@link IngressMessage#decodedCall()}, the same bytes parsed at the HTTP boundary) if any, so
   * the result is the same either way.
   */
  public static Optional<Ingress> parse(IngressMessage m) {
    Optional<CallContent> known = m.decodedCall();
    if (known.isPresent()) {
      return Optional.of(toIngress(known.get()));
    }
    return parseBytes(m.content());
  }

  /** Parses signed envelope bytes, ignoring any attached parse. Empty if not a call envelope. */
  public static Optional<Ingress> parseBytes(byte[] signed) {
    try {
      HttpRequestEnvelope env = EnvelopeParser.parse(signed);
      if (!(env.content() instanceof CallContent c)) {
        return Optional.empty();
      }
      return Optional.of(toIngress(c));
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  private static Ingress toIngress(CallContent c) {
    return new Ingress(c.requestId(), c.sender().principal(), c.canisterId(), c.methodName(), c.arg().toBytes(),
        c.ingressExpiry());
  }

  /** Inducts {@code in} at batch time {@code now}. */
  public void induct(ReplicatedState state, Ingress in, long now) {
    if (state.ingressHistory().get(in.messageId()) != null || in.expiryNanos() < now) {
      return;
    }
    CallOrigin.Ingress origin = new CallOrigin.Ingress(in.source(), in.messageId());
    if (in.receiver().equals(CanisterId.MANAGEMENT)) {
      state.subnetQueue().addLast(in);
      state.ingressHistory().set(in.messageId(), new IngressStatus.Received(in.receiver(), in.source(), now));
      return;
    }
    CanisterState c = state.canister(in.receiver());
    UserError refused = Router.admissionError(c, in.receiver());
    if (refused == null) {
      Cycles fee = executor.costs().ingressInduction(in.payloadSize() + in.method().length());
      Cycles limit = executor.freezingLimit(c);
      if (c.system().balance().compareTo(limit.plus(fee)) < 0) {
        refused = new UserError(ErrorCode.CANISTER_OUT_OF_CYCLES, "Canister " + c.id()
            + " is out of cycles: please top up the canister with at least " + limit.plus(fee).minus(
                c.system().balance()) + " additional cycles");
      } else {
        c.system().debit(fee);
      }
    }
    if (refused != null) {
      state.ingressHistory().set(in.messageId(), IngressStatuses.rejected(in.receiver(), origin, refused, now));
      return;
    }
    c.system().ingressQueue().addLast(in);
    state.ingressHistory().set(in.messageId(), new IngressStatus.Received(in.receiver(), in.source(), now));
  }
}
