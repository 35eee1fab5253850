package dev.jic.http;

import dev.jic.interfaces.http.EffectiveId;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalFormatException;
import dev.jic.types.id.PrincipalId;
import dev.jic.types.id.SubnetId;

/**
 * Maps an HTTP method and path to an {@link Endpoint} (digest §1.1), or to the error response:
 * 404 for a path no endpoint has, 405 for a known path with the wrong method, 400 for a
 * malformed principal in the path. Pure and stateless.
 */
public final class Router {
  private Router() {}

  /** The outcome of routing: an endpoint, or a response to send instead. */
  public sealed interface Routed {
    /** The request addresses {@code endpoint}. */
    record To(Endpoint endpoint) implements Routed {}

    /** The request is answered with {@code result} without reaching an endpoint. */
    record Fail(HttpResult result) implements Routed {}
  }

  /**
   * Routes {@code method} (upper case) and {@code rawPath} (without query string; it is not
   * percent-decoded because principals and endpoint names are plain ASCII).
   */
  public static Routed route(String method, String rawPath) {
    String path = rawPath;
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    if (path.equals("/api/v2/status")) {
      return method.equals("GET") ? new Routed.To(new Endpoint.Status()) : methodNotAllowed(method, "GET");
    }
    String[] p = path.split("/", -1);
    // "", "api", "vN", "canister"|"subnet", "<id>", "call"|"query"|"read_state"
    if (p.length != 6 || !p[0].isEmpty() || !p[1].equals("api")) {
      return notFound(rawPath);
    }
    int version = switch (p[2]) {
      case "v2" -> 2;
      case "v3" -> 3;
      case "v4" -> 4;
      default -> -1;
    };
    String kind = p[3];
    String op = p[5];
    if (version < 0 || !(kind.equals("canister") || kind.equals("subnet")) || !exists(version, kind, op)) {
      return notFound(rawPath);
    }
    if (!method.equals("POST")) {
      return methodNotAllowed(method, "POST");
    }
    EffectiveId id;
    try {
      PrincipalId principal = PrincipalId.fromText(p[4]);
      id = kind.equals("canister") ? new EffectiveId.Canister(new CanisterId(principal)) : new EffectiveId.Subnet(new SubnetId(principal));
    } catch (PrincipalFormatException e) {
      return new Routed.Fail(HttpResult.badRequest("the effective " + kind + " id in the URL is not a principal: " + e.getMessage()));
    }
    return new Routed.To(switch (op) {
      case "call" -> new Endpoint.Call(version, id);
      case "query" -> new Endpoint.Query(version, id);
      default -> new Endpoint.ReadState(version, id);
    });
  }

  /** Whether the interface spec (0.66) has {@code /api/v<version>/<kind>/<id>/<op>}. */
  private static boolean exists(int version, String kind, String op) {
    boolean canister = kind.equals("canister");
    return switch (op) {
      case "call" -> canister ? version >= 2 : version == 4;
      case "query" -> canister ? version == 2 || version == 3 : version == 3;
      case "read_state" -> version == 2 || version == 3;
      default -> false;
    };
  }

  private static Routed notFound(String path) {
    String shown = path.length() <= 100 ? path : path.substring(0, 100) + "...";
    return new Routed.Fail(HttpResult.text(404, "no endpoint at " + shown));
  }

  private static Routed methodNotAllowed(String method, String allowed) {
    return new Routed.Fail(HttpResult.text(405, "method " + method + " is not allowed here; use " + allowed));
  }
}
