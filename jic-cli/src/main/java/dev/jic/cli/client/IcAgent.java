package dev.jic.cli.client;

import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.bls.BlsException;
import dev.jic.crypto.bls.BlsPublicKey;
import dev.jic.crypto.cert.CertificateScope;
import dev.jic.crypto.cert.CertificateTime;
import dev.jic.crypto.cert.CertificateVerification;
import dev.jic.crypto.cert.CertificateVerifier;
import dev.jic.crypto.tree.HashTree;
import dev.jic.crypto.tree.HashTreeLookup;
import dev.jic.crypto.tree.LookupResult;
import dev.jic.types.cbor.Cbor;
import dev.jic.types.cbor.CborMap;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A small IC agent for the {@code jic} command line: signs requests with an {@link Identity},
 * sends them with {@link java.net.http.HttpClient} and checks what comes back the way
 * {@code @dfinity/agent} does with default settings: certificates verify under the root key (for
 * a local network fetched once from {@code /api/v2/status}), are scoped to the effective canister
 * and fresh; query responses carry a valid signature of a node of the subnet.
 *
 * <p>Update calls use the synchronous {@code /api/v3/.../call}; on 202 (or a replica without v3)
 * they fall back to polling {@code read_state} for {@code /request_status/<id>}. Every failure is
 * an {@link AgentException} with a hint; a reject is a {@link CallOutcome.Rejected} value.
 * Thread-safe.
 */
public final class IcAgent {
  private static final long EXPIRY_NANOS = Duration.ofMinutes(4).toNanos();
  private static final Duration POLL_LIMIT = Duration.ofMinutes(2);

  private final Transport http;
  private final Identity identity;
  private final SecureRandom random = new SecureRandom();
  private final NodeKeys nodeKeys;
  private volatile BlsPublicKey rootKey;

  /** An agent for the network at {@code network} (e.g. {@code http://127.0.0.1:4943}) signing as {@code identity}. */
  public IcAgent(URI network, Identity identity) {
    this.http = new Transport(network);
    this.identity = identity;
    this.nodeKeys = new NodeKeys(this);
  }

  /** The identity requests are signed with. */
  public Identity identity() {
    return identity;
  }

  /** The network's status ({@code /api/v2/status}). */
  public Status status() throws AgentException {
    Transport.Reply r = http.get("/api/v2/status");
    if (r.status() != 200) {
      throw http.unexpected(r, "status");
    }
    try {
      CborMap m = CborMap.of(Cbor.decode(r.body()), "status");
      Optional<Long> height = m.optional("certified_height").map(o -> o.AsNumber().ToInt64Unchecked());
      return new Status(m.blob("root_key"), m.optionalText("impl_version").orElse("?"),
          m.optionalText("replica_health_status").orElse("?"), height);
    } catch (DecodeException | RuntimeException e) {
      throw new AgentException("the status answer of " + http.base() + " is not valid CBOR: " + e.getMessage(),
          "is --network pointing at an IC replica?", e);
    }
  }

  /** {@code /api/v2/status}: the DER root key, version, health and certified height if reported. */
  public record Status(byte[] rootKeyDer, String implVersion, String health, Optional<Long> certifiedHeight) {}

  /** The root key, fetched from the status endpoint on first use (a local network's key is not well known). */
  public BlsPublicKey rootKey() throws AgentException {
    BlsPublicKey k = rootKey;
    if (k == null) {
      try {
        k = BlsDer.decode(status().rootKeyDer());
      } catch (BlsException e) {
        throw new AgentException("the network's root key is malformed: " + e.getMessage(), "is --network pointing at an IC replica?");
      }
      rootKey = k;
    }
    return k;
  }

  /**
   * An update call of {@code method} on {@code canister}, submitted at the effective canister id
   * {@code ecid}; waits for the certified outcome.
   */
  public CallOutcome update(CanisterId canister, CanisterId ecid, String method, byte[] arg) throws AgentException {
    rootKey();
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    Envelopes.Content c = Envelopes.canisterRequest("call", identity, expiry(), canister, method, arg, nonce);
    byte[] body = Envelopes.envelope(c, identity);
    Transport.Reply r = http.postCbor("/api/v3/canister/" + ecid + "/call", body);
    if (r.status() == 404 && r.text().contains("v3") || r.status() == 404 && r.body().length == 0) {
      r = http.postCbor("/api/v2/canister/" + ecid + "/call", body);
    }
    if (r.status() == 200) {
      CborMap m = decodeMap(r, "call response");
      try {
        String status = m.optionalText("status").orElse("non_replicated_rejection");
        if (status.equals("replied")) {
          HashTree tree = verifiedTree(m.blob("certificate"), CertificateScope.canister(ecid));
          return RequestStatus.read(tree, c.requestId()).orElseThrow(() -> new AgentException(
              "the replica's certificate does not contain the outcome of request " + c.requestId(), "this is a replica bug"));
        }
        return new CallOutcome.Rejected(m.natU64("reject_code"), m.text("reject_message"), m.optionalText("error_code"));
      } catch (DecodeException e) {
        throw new AgentException("malformed call response: " + e.getMessage(), "this is a replica bug", e);
      }
    }
    if (r.status() != 202) {
      throw http.unexpected(r, "call to " + method);
    }
    return poll(c, ecid);
  }

  private CallOutcome poll(Envelopes.Content call, CanisterId ecid) throws AgentException {
    long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
    long sleepMs = 50;
    while (System.nanoTime() < deadline) {
      HashTree tree = readState(ecid, List.of(List.of(RequestStatus.LABEL, call.requestId().toBytes())));
      Optional<CallOutcome> o = RequestStatus.read(tree, call.requestId());
      if (o.isPresent()) {
        return o.get();
      }
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while waiting for request " + call.requestId(), "");
      }
      sleepMs = Math.min(1000, sleepMs * 2);
    }
    throw new AgentException("request " + call.requestId() + " got no answer within " + POLL_LIMIT.toSeconds() + " s",
        "the network may be stalled: check ./jic start's output");
  }

  /** A query call, answered by one node; its signature is checked against the subnet's node keys. */
  public CallOutcome query(CanisterId canister, CanisterId ecid, String method, byte[] arg) throws AgentException {
    rootKey();
    Envelopes.Content c = Envelopes.canisterRequest("query", identity, expiry(), canister, method, arg, null);
    Transport.Reply r = http.postCbor("/api/v3/canister/" + ecid + "/query", Envelopes.envelope(c, identity));
    if (r.status() == 404 && r.body().length == 0) {
      r = http.postCbor("/api/v2/canister/" + ecid + "/query", Envelopes.envelope(c, identity));
    }
    if (r.status() != 200) {
      throw http.unexpected(r, "query " + method);
    }
    return QueryAnswer.verify(decodeMap(r, "query response"), c.requestId(), ecid, nodeKeys);
  }

  /**
   * A read_state of {@code paths} at the effective canister id {@code ecid}: the certificate's tree,
   * after checking signature, scope and freshness.
   */
  public HashTree readState(CanisterId ecid, List<List<byte[]>> paths) throws AgentException {
    Envelopes.Content c = Envelopes.readState(identity, expiry(), paths);
    Transport.Reply r = http.postCbor("/api/v3/canister/" + ecid + "/read_state", Envelopes.envelope(c, identity));
    if (r.status() == 404 && r.body().length == 0) {
      r = http.postCbor("/api/v2/canister/" + ecid + "/read_state", Envelopes.envelope(c, identity));
    }
    if (r.status() != 200) {
      throw http.unexpected(r, "read_state");
    }
    try {
      return verifiedTree(decodeMap(r, "read_state response").blob("certificate"), CertificateScope.canister(ecid));
    } catch (DecodeException e) {
      throw new AgentException("malformed read_state response: " + e.getMessage(), "this is a replica bug", e);
    }
  }

  /** The content of metadata section {@code name} of {@code canister} (e.g. {@code candid:service}), if it has one. */
  public Optional<byte[]> metadata(CanisterId canister, String name) throws AgentException {
    List<byte[]> path = List.of(utf8("canister"), canister.toBytes(), utf8("metadata"), utf8(name));
    HashTree tree = readState(canister, List.of(path));
    return HashTreeLookup.lookupPath(tree, path) instanceof LookupResult.Found f ? Optional.of(f.value()) : Optional.empty();
  }

  HashTree verifiedTree(byte[] certificate, CertificateScope scope) throws AgentException {
    CertificateVerification v = CertificateVerifier.verify(certificate, rootKey(), scope);
    if (!(v instanceof CertificateVerification.Valid valid)) {
      CertificateVerification.Invalid inv = (CertificateVerification.Invalid) v;
      throw new AgentException("the replica's certificate does not verify (" + inv.failure() + ": " + inv.detail() + ")",
          "the network's root key may have changed (restarted with --clean?); do not trust this network");
    }
    HashTree tree = valid.certificate().tree();
    CertificateTime.Check t = CertificateTime.check(tree, System.currentTimeMillis() * 1_000_000L);
    if (!(t instanceof CertificateTime.Fresh)) {
      throw new AgentException("the replica's certificate is not fresh (" + t + ")",
          "check the clocks of this machine and the replica");
    }
    return tree;
  }

  private static CborMap decodeMap(Transport.Reply r, String what) throws AgentException {
    try {
      return CborMap.of(Cbor.decode(r.body()), what);
    } catch (DecodeException e) {
      throw new AgentException("malformed " + what + ": " + e.getMessage(), "this is a replica bug", e);
    }
  }

  private static long expiry() {
    long now = System.currentTimeMillis() * 1_000_000L;
    return now + EXPIRY_NANOS;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

}
