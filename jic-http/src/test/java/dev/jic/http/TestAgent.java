package dev.jic.http;

import com.upokecenter.cbor.CBORObject;
import dev.jic.crypto.node.NodeSigningKey;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.hash.RequestId;
import dev.jic.types.hash.Sha;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** A minimal agent for tests: builds envelopes as agents do and posts them with Java's HttpClient. */
public final class TestAgent {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public TestAgent(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A signer: Ed25519 from a seed byte, or anonymous when {@code key} is null. */
  public record Identity(NodeSigningKey key) {
    public static Identity ed25519(int seed) {
      byte[] s = new byte[32];
      Arrays.fill(s, (byte) seed);
      return new Identity(NodeSigningKey.fromSeed(s));
    }

    public static Identity anonymous() {
      return new Identity(null);
    }

    public PrincipalId principal() {
      return key == null ? PrincipalId.ANONYMOUS : PrincipalId.selfAuthenticating(key.publicKeyDer());
    }
  }

  /** A response: status, content type and body. */
  public record Response(int status, String contentType, byte[] body, java.net.http.HttpHeaders headers) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public CBORObject cbor() {
      try {
        return Cbor.decode(body);
      } catch (DecodeException e) {
        throw new AssertionError("not CBOR (" + status + "): " + text(), e);
      }
    }

    @Override
    public String toString() {
      return status + " " + (contentType != null && contentType.startsWith("text") ? text() : body.length + " bytes");
    }
  }

  public static TreeMap<String, HashValue> callContent(String type, PrincipalId sender, long expiry, CanisterId canister, String method, byte[] arg) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text(type));
    m.put("sender", new HashValue.Blob(sender.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    m.put("canister_id", new HashValue.Blob(canister.toBytes()));
    m.put("method_name", new HashValue.Text(method));
    m.put("arg", new HashValue.Blob(arg));
    m.put("nonce", new HashValue.Blob(new byte[] {1, 2, 3, 4}));
    return m;
  }

  public static TreeMap<String, HashValue> readStateContent(PrincipalId sender, long expiry, List<List<byte[]>> paths) {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("read_state"));
    m.put("sender", new HashValue.Blob(sender.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(expiry));
    List<HashValue> ps = new ArrayList<>();
    for (List<byte[]> p : paths) {
      ps.add(new HashValue.Array(p.stream().map(l -> (HashValue) new HashValue.Blob(l)).toList()));
    }
    m.put("paths", new HashValue.Array(ps));
    return m;
  }

  /** The envelope of {@code content} signed by {@code id} (no key or signature when anonymous). */
  public static byte[] envelope(TreeMap<String, HashValue> content, Identity id) {
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(content));
    if (id.key() != null) {
      RequestId rid = RequestId.ofContent(content);
      env.Add("sender_pubkey", id.key().publicKeyDer());
      byte[] sep = Sha.domainSeparator("ic-request");
      byte[] msg = Arrays.copyOf(sep, sep.length + 32);
      System.arraycopy(rid.toBytes(), 0, msg, sep.length, 32);
      env.Add("sender_sig", id.key().sign(msg));
    }
    return Cbor.encodeWithSelfDescribeTag(env);
  }

  public Response post(String path, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  public Response post(String path, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response method(String method, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
