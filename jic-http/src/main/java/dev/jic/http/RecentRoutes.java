package dev.jic.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded memo of {@link Router#route} for paths that reached an endpoint: clients keep posting
 * to the same few URLs ({@code /api/v3/canister/<id>/query}), and routing decodes and checksums
 * the principal in the path every time. Routing is a pure function of (method, path) and its
 * result is immutable, so a remembered route is the route. Failed routes are not remembered.
 * Direct-mapped table of {@link #SLOTS} entries keyed by the path's hash; paths longer than
 * {@link #MAX_PATH_CHARS} are always routed afresh. Thread-safe without locks.
 */
final class RecentRoutes {
  static final int SLOTS = 256;
  static final int MAX_PATH_CHARS = 200;

  private record Entry(String method, String path, Router.Routed.To to) {}

  private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

  /** {@link Router#route}{@code (method, path)}. */
  Router.Routed route(String method, String path) {
    if (path.length() > MAX_PATH_CHARS) {
      return Router.route(method, path);
    }
    int h = path.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Entry e = slots.get(slot);
    if (e != null && e.path().equals(path) && e.method().equals(method)) {
      return e.to();
    }
    Router.Routed r = Router.route(method, path);
    if (r instanceof Router.Routed.To to) {
      slots.set(slot, new Entry(method, path, to));
    }
    return r;
  }
}
