package dev.jic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jic.types.id.CanisterId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentRoutesTest {
  private final RecentRoutes routes = new RecentRoutes();

  @Test
  void answersWhatTheRouterAnswers() {
    String c = CanisterId.fromU64(7).principal().toText();
    List<String[]> cases = List.of(
        new String[] {"POST", "/api/v3/canister/" + c + "/query"},
        new String[] {"GET", "/api/v3/canister/" + c + "/query"},
        new String[] {"POST", "/api/v2/canister/" + c + "/call"},
        new String[] {"POST", "/api/v2/canister/not-a-principal/call"},
        new String[] {"POST", "/api/v9/canister/" + c + "/call"},
        new String[] {"GET", "/api/v2/status"},
        new String[] {"POST", "/api/v2/status"});
    for (int round = 0; round < 3; round++) {
      for (String[] k : cases) {
        assertEquals(shown(Router.route(k[0], k[1])), shown(routes.route(k[0], k[1])), k[0] + " " + k[1]);
      }
    }
  }

  @Test
  void aRememberedRouteIsReusedOnlyForTheSameMethodAndPath() {
    String path = "/api/v3/canister/" + CanisterId.fromU64(7).principal().toText() + "/query";
    Router.Routed first = routes.route("POST", path);
    assertSame(first, routes.route("POST", new String(path.toCharArray())));
    Router.Routed get = routes.route("GET", path);
    assertInstanceOf(Router.Routed.Fail.class, get);
    assertEquals(405, ((Router.Routed.Fail) get).result().status());
    String other = "/api/v3/canister/" + CanisterId.fromU64(8).principal().toText() + "/query";
    assertEquals(Router.route("POST", other), routes.route("POST", other));
  }

  /** A comparable form: the endpoint, or the status and text of the failure. */
  private static Object shown(Router.Routed r) {
    return switch (r) {
      case Router.Routed.To to -> to;
      case Router.Routed.Fail f -> f.result().status() + " " + new String(f.result().body(), java.nio.charset.StandardCharsets.UTF_8);
    };
  }
}
