package dev.jic.http;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.DecodedArgs;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import dev.jic.types.messages.CanisterRequestContent;
import dev.jic.types.messages.QueryContent;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a call or query may enter through the URL it came in on (interface spec §"Effective
 * canister id"; digest §1.7):
 *
 * <ul>
 *   <li>to a canister other than {@code aaaaa-aa}: the effective canister id is the canister id;
 *   <li>to {@code aaaaa-aa}: {@code create_canister} and {@code provisional_create_canister_with_cycles}
 *       (calls) and {@code list_canisters} (queries) accept any effective id; {@code install_chunked_code}
 *       takes {@code arg.target_canister}; every other method {@code arg.canister_id}, found by
 *       Candid-decoding the argument (a record as first value);
 *   <li>subnet URLs ({@code /api/v4/subnet/<esid>/call}, {@code /api/v3/subnet/<esid>/query}) admit only
 *       those creation / listing methods, and only for this node's subnet;
 *   <li>a canister URL's effective id must lie in this subnet's canister ranges, except for the
 *       methods that accept any effective id.
 * </ul>
 *
 * Every refusal is an HTTP 400 with a message. Pure; never throws on hostile arguments.
 */
public final class EffectiveIdCheck {
  private EffectiveIdCheck() {}

  private static final Set<String> CREATE_METHODS = Set.of("create_canister", "provisional_create_canister_with_cycles");
  private static final String LIST_CANISTERS = "list_canisters";

  /** Empty if {@code content} may be served at {@code effective}, else the 400 response. */
  public static Optional<HttpResult> check(CanisterRequestContent content, EffectiveId effective, SubnetInfo subnet) {
    boolean query = content instanceof QueryContent;
    CanisterId callee = content.canisterId();
    String method = content.methodName();
    boolean anyEffectiveId = callee.isManagement()
        && (query ? method.equals(LIST_CANISTERS) : CREATE_METHODS.contains(method));
    return switch (effective) {
      case EffectiveId.Subnet s -> {
        if (!anyEffectiveId) {
          yield fail("the subnet " + (query ? "query" : "call") + " endpoint only serves aaaaa-aa "
              + (query ? LIST_CANISTERS : "create_canister and provisional_create_canister_with_cycles")
              + ", not " + callee + " " + abbreviate(method));
        }
        if (!s.id().equals(subnet.subnetId())) {
          yield fail("effective subnet id " + s.id() + " in the URL is not this node's subnet " + subnet.subnetId());
        }
        yield Optional.empty();
      }
      case EffectiveId.Canister c -> {
        if (anyEffectiveId) {
          yield Optional.empty();
        }
        CanisterId ecid = c.id();
        if (!callee.isManagement()) {
          if (!callee.equals(ecid)) {
            yield fail("Specified CanisterId " + callee + " does not match effective canister id in URL " + ecid);
          }
        } else {
          Optional<String> mismatch = managementTargetMismatch(content, ecid);
          if (mismatch.isPresent()) {
            yield fail(mismatch.get());
          }
        }
        if (!subnet.hosts(ecid)) {
          yield fail("effective canister id " + ecid + " is not hosted by subnet " + subnet.subnetId()
              + " (outside its canister ranges)");
        }
        yield Optional.empty();
      }
    };
  }

  /** For a management call: empty if the target canister in the argument is {@code ecid}, else why not. */
  private static Optional<String> managementTargetMismatch(CanisterRequestContent content, CanisterId ecid) {
    String field = content.methodName().equals("install_chunked_code") ? "target_canister" : "canister_id";
    String what = "aaaaa-aa " + abbreviate(content.methodName());
    DecodedArgs args;
    try {
      args = Candid.decodeUntyped(content.arg().toBytes());
    } catch (DecodeException e) {
      return Optional.of("could not decode the Candid argument of " + what + " to find its effective canister id: " + e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return Optional.of("could not decode the Candid argument of " + what + " to find its effective canister id");
    }
    if (args.values().isEmpty() || !(args.values().get(0) instanceof IdlValue.Record r)) {
      return Optional.of("the argument of " + what + " is not a record, so it names no effective canister id");
    }
    IdlValue v = r.get(field);
    if (!(v instanceof IdlValue.Principal p)) {
      return Optional.of("the argument of " + what + " has no principal field " + field + " naming its effective canister id");
    }
    CanisterId target = new CanisterId(p.id());
    if (!target.equals(ecid)) {
      return Optional.of("the " + field + " " + target + " of " + what + " does not match effective canister id in URL " + ecid);
    }
    return Optional.empty();
  }

  private static Optional<HttpResult> fail(String message) {
    return Optional.of(HttpResult.badRequest(message));
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
