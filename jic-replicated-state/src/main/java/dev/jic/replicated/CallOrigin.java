package dev.jic.replicated;

import dev.jic.types.hash.RequestId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;

/** Who a call context answers to. */
public sealed interface CallOrigin {
  /** The principal {@code ic0.msg_caller} reports. */
  PrincipalId caller();

  /** An ingress message from a user: the answer goes to the ingress history. */
  record Ingress(PrincipalId user, RequestId messageId) implements CallOrigin {
    @Override
    public PrincipalId caller() {
      return user;
    }
  }

  /** A request from a canister: the answer is a {@link Response} to its callback. */
  record Canister(CanisterId sender, long callbackId, long deadlineNanos) implements CallOrigin {
    @Override
    public PrincipalId caller() {
      return sender.principal();
    }
  }

  /** A query from a user (non-replicated): the answer goes back to the query handler. */
  record Query(PrincipalId user) implements CallOrigin {
    @Override
    public PrincipalId caller() {
      return user;
    }
  }

  /** A system task (heartbeat, global timer): nobody waits for an answer; caller is {@code aaaaa-aa}. */
  record SystemTask() implements CallOrigin {
    @Override
    public PrincipalId caller() {
      return PrincipalId.MANAGEMENT_CANISTER;
    }
  }
}
