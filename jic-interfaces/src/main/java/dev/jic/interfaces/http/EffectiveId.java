package dev.jic.interfaces.http;

import dev.jic.types.id.CanisterId;
import dev.jic.types.id.SubnetId;
import java.util.Objects;

/**
 * The effective destination named in an HTTPS-interface URL (interface spec §"Effective canister
 * id"; digest §1.7): {@code /api/vN/canister/<ecid>/...} or {@code /api/vN/subnet/<esid>/...}.
 * Routing, permission checks (who may read a request's status) and the subnet that must host the
 * request all use it. Immutable.
 */
public sealed interface EffectiveId {

  /** An effective canister id, from a {@code /canister/<ecid>/} URL. */
  record Canister(CanisterId id) implements EffectiveId {
    /** Null is a programming error (NPE). */
    public Canister {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
      return "canister " + id;
    }
  }

  /** An effective subnet id, from a {@code /subnet/<esid>/} URL. */
  record Subnet(SubnetId id) implements EffectiveId {
    /** Null is a programming error (NPE). */
    public Subnet {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
      return "subnet " + id;
    }
  }
}
