package dev.jic.cli;

import com.upokecenter.cbor.CBORObject;
import dev.jic.cli.client.CallOutcome;
import dev.jic.cli.client.Envelopes;
import dev.jic.cli.client.IcAgent;
import dev.jic.cli.client.Identity;
import dev.jic.replica.LocalReplica;
import dev.jic.replica.ReplicaConfig;
import dev.jic.types.candid.Candid;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code jic bench load}: many concurrent Ed25519-signed clients (virtual threads, loopback only)
 * against one node, started in-process on an ephemeral port of 127.0.0.1 or given by {@code --url}
 * (it must be on this machine). Four timed phases, each bounded by {@code --seconds}: v3
 * synchronous update calls ({@code ping} of the tiny counter canister, each with a fresh nonce and
 * signature, counted when {@code replied} with a certificate), v3 signed queries ({@code get},
 * one pre-signed envelope per client, answered and signed by the node: what an agent-js client
 * polling a query sends, since its queries carry no nonce and its expiry is rounded to the minute),
 * {@code queries-fresh} (a newly signed envelope with a nonce per request: no repeated envelope, the
 * client signs and the node verifies every time; printed, not in the final line), and the same query load
 * against a bare Netty HTTP server whose handler answers a fixed body (the physical baseline of
 * this machine's HTTP stack and client). Prints each phase's rate and p50/p99 latency, then
 * {@code load updates_per_s=<n> update_p50_ms=<n> queries_per_s=<n> query_vs_bare_http=<ratio>}.
 * Exit 0 ok, 1 failure, 2 usage.
 */
final class LoadBench {
  /** tiny.wat of jic-execution's tests (ping: counter += 1 and reply it; get: reply it), wat2wasm output. */
  static final byte[] TINY = HexFormat.of().parseHex("0061736d01000000010f0360000060027f7f0060037f7f7f0002450303696330096d73675f7265706c79000003696330156d73675f7265706c795f646174615f617070656e64000103696330116d73675f6172675f646174615f636f707900020305040000000005030100010744031463616e69737465725f7570646174652070696e6700041463616e69737465725f757064617465207370696e00051263616e69737465725f71756572792067657400060a5a040a0041004104100110000b11004100410028020041016a36020010030b3601017f411041004104100241102802002100024003402000450d01200041016b21000c000b0b4100410028020041016a36020010030b040010030b");

  private LoadBench() {}

  record Options(URI url, int clients, int seconds, int warmup, boolean updatesOnly) {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    URI url = null;
    int clients = 64;
    int seconds = 10;
    int warmup = 15;
    boolean updatesOnly = false;
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--updates-only")) {
          updatesOnly = true;
          continue;
        }
        if (a.equals("--help")) {
          out.println("usage: ./jic bench load [--clients N (64)] [--seconds S per phase (10)] [--warmup S before each phase (15)]"
              + " [--updates-only (for profiling: no other phase, no final line)]"
              + " [--url http://127.0.0.1:PORT]");
          return 0;
        }
        if (i + 1 >= args.size()) {
          err.println("jic bench load: missing value for '" + a + "'. See ./jic bench load --help.");
          return 2;
        }
        String v = args.get(++i);
        switch (a) {
          case "--clients" -> clients = Integer.parseInt(v);
          case "--seconds" -> seconds = Integer.parseInt(v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--url" -> url = URI.create(v);
          default -> {
            err.println("jic bench load: unknown option '" + a + "'. See ./jic bench load --help.");
            return 2;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("jic bench load: " + e.getMessage());
      return 2;
    }
    if (clients < 1 || clients > 4096 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 600) {
      err.println("jic bench load: --clients must be 1..4096, --seconds 1..600 and --warmup 0..600");
      return 2;
    }
    if (url != null && !isLoopback(url)) {
      err.println("jic bench load: --url must be a loopback address (this benchmark drives a node on this machine)");
      return 2;
    }
    try {
      return measure(new Options(url, clients, seconds, warmup, updatesOnly), out);
    } catch (Exception e) {
      err.println("jic: bench load failed: " + e);
      return 1;
    }
  }

  private static boolean isLoopback(URI u) {
    String h = u.getHost();
    return h != null && (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("[::1]") || h.equals("::1"));
  }

  private static int measure(Options o, PrintStream out) throws Exception {
    Path data = null;
    LocalReplica replica = null;
    URI url = o.url();
    if (url == null) {
      data = Files.createTempDirectory("jic-bench-load");
      replica = LocalReplica.start(ReplicaConfig.local(0, data), line -> {});
      url = replica.url();
      out.println("node: in-process at " + url);
    }
    try {
      IcAgent admin = new IcAgent(url, Identity.ed25519("bench", Sha.sha256("jic bench load admin".getBytes())));
      CanisterId canister = deploy(admin);
      out.println("canister: " + canister + " (tiny counter: ping / get), clients: " + o.clients() + ", "
          + o.seconds() + " s per phase");
      Identity[] ids = new Identity[o.clients()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Identity.ed25519("c" + i, Sha.sha256(("jic bench load client " + i).getBytes()));
      }
      if (replica != null) {
        out.println("node before updates: " + replica.health());
      }
      URI callUri = url.resolve("/api/v3/canister/" + canister + "/call");
      URI queryUri = url.resolve("/api/v3/canister/" + canister + "/query");
      Result updates = phase("updates", o, out, client -> {
        AtomicLong nonce = new AtomicLong();
        KeepAliveClient http = new KeepAliveClient(callUri);
        return () -> {
          byte[] n = ByteBuffer.allocate(8).putLong(nonce.incrementAndGet()).array();
          Envelopes.Content c = Envelopes.canisterRequest("call", ids[client], expiry(), canister, "ping", new byte[0], n);
          KeepAliveClient.Response r = http.post(Envelopes.envelope(c, ids[client]));
          return r.status() == 200 && status(r.body()).equals("replied");
        };
      });
      if (replica != null) {
        out.println("node after updates: " + replica.health());
      }
      if (o.updatesOnly()) {
        return updates.ok() > 0 ? 0 : 1;
      }
      Result queries = phase("queries", o, out, client -> {
        byte[] env = queryEnvelope(ids[client], canister);
        KeepAliveClient http = new KeepAliveClient(queryUri);
        return () -> {
          KeepAliveClient.Response r = http.post(env);
          return r.status() == 200 && status(r.body()).equals("replied");
        };
      });
      Result fresh = phase("queries-fresh", o, out, client -> {
        AtomicLong nonce = new AtomicLong();
        KeepAliveClient http = new KeepAliveClient(queryUri);
        return () -> {
          byte[] n = ByteBuffer.allocate(8).putLong(nonce.incrementAndGet()).array();
          Envelopes.Content c = Envelopes.canisterRequest("query", ids[client], expiry(), canister, "get", new byte[0], n);
          KeepAliveClient.Response r = http.post(Envelopes.envelope(c, ids[client]));
          return r.status() == 200 && status(r.body()).equals("replied");
        };
      });
      Result bare;
      BareServer server = BareServer.start();
      try {
        URI bareUri = URI.create("http://127.0.0.1:" + server.port() + "/api/v3/canister/" + canister + "/query");
        bare = phase("bare-http", o, out, client -> {
          byte[] env = queryEnvelope(ids[client], canister);
          KeepAliveClient http = new KeepAliveClient(bareUri);
          return () -> http.post(env).status() == 200;
        });
      } finally {
        server.close();
      }
      double ratio = bare.perSecond() == 0 ? 0 : queries.perSecond() / bare.perSecond();
      out.printf(Locale.ROOT, "load updates_per_s=%.0f update_p50_ms=%.1f queries_per_s=%.0f query_vs_bare_http=%.2f%n",
          updates.perSecond(), updates.p50Ms(), queries.perSecond(), ratio);
      return updates.ok() > 0 && queries.ok() > 0 && fresh.ok() > 0 ? 0 : 1;
    } finally {
      if (replica != null) {
        replica.close();
      }
      if (data != null) {
        try (Stream<Path> s = Files.walk(data)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static long expiry() {
    return (System.currentTimeMillis() + 240_000L) * 1_000_000L;
  }

  private static byte[] queryEnvelope(Identity id, CanisterId canister) {
    return Envelopes.envelope(Envelopes.canisterRequest("query", id, expiry(), canister, "get", new byte[0], null), id);
  }


  private static String status(byte[] cbor) {
    try {
      CBORObject o = CBORObject.DecodeFromBytes(cbor);
      CBORObject s = o.get("status");
      return s == null ? "" : s.AsString();
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static CanisterId deploy(IcAgent agent) throws Exception {
    CanisterId ecid = CanisterId.fromU64(0);
    String ct = "record { amount : opt nat; settings : opt record {} }";
    CallOutcome created = agent.update(CanisterId.MANAGEMENT, ecid, "provisional_create_canister_with_cycles",
        Candid.encode(List.of(Candid.parseType(ct)), List.of(Candid.parseValue(
            "record { amount = opt (100_000_000_000_000 : nat); settings = null }", Candid.parseType(ct)))));
    if (!(created instanceof CallOutcome.Replied r)) {
      throw new IllegalStateException("create: " + created);
    }
    var rec = (dev.jic.types.candid.IdlValue.Record) Candid.decode(r.arg(), List.of(Candid.parseType(
        "record { canister_id : principal }"))).getFirst();
    CanisterId id = new CanisterId(((dev.jic.types.candid.IdlValue.Principal) rec.fields().getFirst().value()).id());
    StringBuilder blob = new StringBuilder();
    for (byte b : TINY) {
      blob.append('\\').append(HexFormat.of().toHexDigits(b));
    }
    String it = "record { mode : variant { install }; canister_id : principal; wasm_module : blob; arg : blob }";
    CallOutcome installed = agent.update(CanisterId.MANAGEMENT, id, "install_code", Candid.encode(List.of(Candid.parseType(it)),
        List.of(Candid.parseValue("record { mode = variant { install }; canister_id = principal \"" + id
            + "\"; wasm_module = blob \"" + blob + "\"; arg = blob \"\" }", Candid.parseType(it)))));
    if (!(installed instanceof CallOutcome.Replied)) {
      throw new IllegalStateException("install: " + installed);
    }
    return id;
  }

  /** One client's request: true if it succeeded. */
  interface Request {
    boolean send() throws Exception;
  }

  interface ClientFactory {
    Request client(int index) throws Exception;
  }

  record Result(long ok, long failed, double perSecond, double p50Ms, double p99Ms) {}

  /** Runs {@code o.clients()} virtual threads for {@code o.seconds()} (after {@code o.warmup()} s of the same load, not counted: the JIT compiles the path meanwhile). */
  static Result phase(String name, Options o, PrintStream out, ClientFactory f) throws Exception {
    Request[] clients = new Request[o.clients()];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = f.client(i);
    }
    long[][] lat = new long[clients.length][];
    int[] count = new int[clients.length];
    long[] failed = new long[clients.length];
    long warmEnd = System.nanoTime() + o.warmup() * 1_000_000_000L;
    long end = warmEnd + o.seconds() * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients.length; i++) {
      int k = i;
      lat[k] = new long[1024];
      threads.add(Thread.ofVirtual().start(() -> {
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            return;
          }
          boolean ok;
          try {
            ok = clients[k].send();
          } catch (Exception e) {
            ok = false;
          }
          long t1 = System.nanoTime();
          if (t0 < warmEnd || t1 > end) {
            continue;
          }
          if (!ok) {
            failed[k]++;
            continue;
          }
          if (count[k] == lat[k].length) {
            lat[k] = Arrays.copyOf(lat[k], lat[k].length * 2);
          }
          lat[k][count[k]++] = t1 - t0;
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    int n = 0;
    long fails = 0;
    for (int i = 0; i < clients.length; i++) {
      n += count[i];
      fails += failed[i];
    }
    long[] all = new long[n];
    int at = 0;
    for (int i = 0; i < clients.length; i++) {
      System.arraycopy(lat[i], 0, all, at, count[i]);
      at += count[i];
    }
    Arrays.sort(all);
    double rate = n / (double) o.seconds();
    double p50 = n == 0 ? 0 : all[n / 2] / 1e6;
    double p99 = n == 0 ? 0 : all[Math.min(n - 1, (int) (n * 0.99))] / 1e6;
    out.printf(Locale.ROOT, "%-10s %8.0f/s  p50 %7.2f ms  p99 %7.2f ms  (%d ok, %d failed)%n", name, rate, p50, p99, n, fails);
    return new Result(n, fails, rate, p50, p99);
  }

  /** A Netty HTTP/1.1 server on 127.0.0.1 answering every request 200 with a fixed 64-byte body. */
  static final class BareServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;

    private BareServer(EventLoopGroup group, Channel channel) {
      this.group = group;
      this.channel = channel;
    }

    static BareServer start() {
      EventLoopGroup g = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
      byte[] body = new byte[64];
      Channel ch = new ServerBootstrap().group(g).channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4 << 20),
                  new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                          Unpooled.wrappedBuffer(body));
                      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/cbor");
                      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                      ctx.writeAndFlush(r);
                    }
                  });
            }
          }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
      return new BareServer(g, ch);
    }

    int port() {
      return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
