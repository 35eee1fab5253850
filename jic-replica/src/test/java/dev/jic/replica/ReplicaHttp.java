package dev.jic.replica;

import com.upokecenter.cbor.CBORObject;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.types.candid.Candid;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.HashValueCbor;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import dev.jic.interfaces.ingress.SignedIngressCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: anonymous queries over real HTTP, and installs through the ingress pool. */
final class ReplicaHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger NONCE = new AtomicInteger(100);

  private ReplicaHttp() {}

  /** The answer of an anonymous query: the reply bytes, or null with {@code reject} set. */
  record Answer(byte[] reply, long rejectCode, String reject, String errorCode) {}

  static Answer query(LocalReplica r, CanisterId canister, String method, byte[] arg) throws Exception {
    TreeMap<String, HashValue> m = new TreeMap<>();
    m.put("request_type", new HashValue.Text("query"));
    m.put("sender", new HashValue.Blob(PrincipalId.ANONYMOUS.toBytes()));
    m.put("ingress_expiry", HashValue.Nat.ofUnsigned(LocalReplicaTest.inMinutes(3)));
    m.put("canister_id", new HashValue.Blob(canister.toBytes()));
    m.put("method_name", new HashValue.Text(method));
    m.put("arg", new HashValue.Blob(arg));
    CBORObject env = CBORObject.NewOrderedMap();
    env.Add("content", HashValueCbor.mapToCbor(m));
    HttpResponse<byte[]> resp = HTTP.send(HttpRequest.newBuilder(URI.create(r.url() + "/api/v2/canister/" + canister
        + "/query")).header("Content-Type", "application/cbor").POST(HttpRequest.BodyPublishers.ofByteArray(
            Cbor.encodeWithSelfDescribeTag(env))).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() != 200) {
      throw new AssertionError("HTTP " + resp.statusCode() + ": " + new String(resp.body()));
    }
    CBORObject o = CBORObject.DecodeFromBytes(resp.body());
    if (o.get("status").AsString().equals("replied")) {
      return new Answer(o.get("reply").get("arg").GetByteString(), 0, null, null);
    }
    return new Answer(null, o.get("reject_code").AsInt64Value(), o.get("reject_message").AsString(),
        o.ContainsKey("error_code") ? o.get("error_code").AsString() : null);
  }

  /** Submits an anonymous call and waits until its terminal status is certified. */
  static void callAndWait(LocalReplica r, CanisterId canister, String method, byte[] arg) throws Exception {
    SignedIngressCall c = LocalReplicaTest.call(canister, method, arg, LocalReplicaTest.inMinutes(4),
        NONCE.incrementAndGet());
    SubmitResult s = r.pool().submit(c);
    if (!(s instanceof SubmitResult.Accepted)) {
      throw new AssertionError(s.toString());
    }
    if (!r.certified().awaitCertifiedTerminalStatus(c.content().requestId(), Duration.ofSeconds(60))) {
      throw new AssertionError("no certified outcome for " + method);
    }
  }

  /** Creates a canister (anonymous controller) and installs {@code wasm}; ids are allocated in order. */
  static CanisterId install(LocalReplica r, byte[] wasm) throws Exception {
    int before = r.canisterCount();
    callAndWait(r, CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", LocalReplicaTest.createArg());
    CanisterId id = CanisterId.fromU64(before);
    StringBuilder blob = new StringBuilder();
    for (byte b : wasm) {
      blob.append('\\').append(HexFormat.of().toHexDigits(b));
    }
    String t = "record { mode : variant { install }; canister_id : principal; wasm_module : blob; arg : blob }";
    byte[] arg = Candid.encode(List.of(Candid.parseType(t)), List.of(Candid.parseValue("record { mode = variant { install }; "
        + "canister_id = principal \"" + id + "\"; wasm_module = blob \"" + blob + "\"; arg = blob \"\" }",
        Candid.parseType(t))));
    callAndWait(r, CanisterId.MANAGEMENT, "install_code", arg);
    return id;
  }
}
