package dev.jic.http;

import dev.jic.crypto.auth.AuthRejectCode;
import dev.jic.crypto.auth.AuthResult;
import dev.jic.crypto.auth.RequestAuthenticator;
import dev.jic.crypto.bls.BlsDer;
import dev.jic.crypto.node.QueryResponseSigner;
import dev.jic.interfaces.http.EffectiveId;
import dev.jic.interfaces.http.SubnetInfo;
import dev.jic.interfaces.ingress.SignedIngressCall;
import dev.jic.interfaces.ingress.SubmitResult;
import dev.jic.interfaces.query.QueryOutcome;
import dev.jic.interfaces.state.CertifiedSnapshot;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.messages.Blob;
import dev.jic.types.messages.CallContent;
import dev.jic.types.messages.HttpRequestEnvelope;
import dev.jic.types.messages.QueryContent;
import dev.jic.types.messages.ReadStateContent;
import dev.jic.types.messages.RequestKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTPS interface's request logic, independent of the transport: routes a request, validates
 * it at the boundary and calls the backend. Called on a virtual thread per request (it blocks in
 * backend calls and in the sync-call wait). Thread-safe.
 *
 * <p>Validation order for POST endpoints: content type ({@code application/cbor}, else 400), body
 * size (413), CBOR envelope and {@code request_type} (400 with the parser's message), sender
 * authentication at the node's time ({@link RequestAuthenticator}: 400 for an expired or too
 * distant {@code ingress_expiry} or delegation, 403 for any other authentication failure), then
 * the endpoint's own rules (effective id: 400; read_state paths: 400/403/404). Bad input never
 * yields a 5xx; 5xx means the node is overloaded or unavailable (503) or a backend bug (500).
 *
 * <p>Query responses are signed by a {@link QueryResponseSigner}: an identical response to the
 * same request within 1 s carries the earlier signature and timestamp (see its javadoc for this
 * deviation from the IC, which signs with the current time).
 */
public final class RequestProcessor {
  private static final System.Logger LOG = System.getLogger(RequestProcessor.class.getName());

  private final HttpServerConfig config;
  private final HttpBackend backend;
  /**
   * Owns this server's verified-signature cache (see {@link RequestAuthenticator}); verifies
   * canister signatures against the node's root key.
   */
  private final RequestAuthenticator authenticator;
  /** Remembers the routes of recently used URLs. */
  private final RecentRoutes routes = new RecentRoutes();
  /** Remembers the parse of small, repeated bodies (polling clients). */
  private final ParsedEnvelopeCache envelopes = new ParsedEnvelopeCache();
  /** Signs query responses, reusing a signature of at most 1 s for an identical response. */
  private final QueryResponseSigner responseSigner;

  public RequestProcessor(HttpServerConfig config, HttpBackend backend) {
    this.config = config;
    this.backend = backend;
    this.authenticator = new RequestAuthenticator(BlsDer.decode(backend.state().subnet().rootKeyDer().toBytes()));
    this.responseSigner = new QueryResponseSigner(backend.nodeKey());
  }

  /**
   * Answers one request. Never throws: a backend exception becomes a 500 (and is logged).
   *
   * @param contentType the {@code Content-Type} header, or null
   */
  public HttpResult process(String method, String path, String contentType, byte[] body) {
    try {
      return dispatch(method, path, contentType, body);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.log(System.Logger.Level.ERROR, "internal error answering " + method + " " + EffectiveIdCheck.abbreviate(path), e);
      return HttpResult.text(500, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private HttpResult dispatch(String method, String path, String contentType, byte[] body) {
    if (method.equals("OPTIONS")) {
      return HttpResult.empty(204); // CORS preflight; the transport adds the CORS headers
    }
    Endpoint endpoint;
    switch (routes.route(method, path)) {
      case Router.Routed.Fail f -> {
        return f.result();
      }
      case Router.Routed.To t -> endpoint = t.endpoint();
    }
    if (endpoint instanceof Endpoint.Status) {
      return status();
    }
    if (!isCbor(contentType)) {
      return HttpResult.badRequest("Unexpected content-type " + (contentType == null ? "(none)" : "'" + EffectiveIdCheck.abbreviate(contentType) + "'")
          + ", expected application/cbor");
    }
    if (body.length > config.maxBodyBytes()) {
      return HttpResult.text(413, "request body of " + body.length + " bytes is larger than the limit of " + config.maxBodyBytes() + " bytes");
    }
    RequestKind kind = switch (endpoint) {
      case Endpoint.Call c -> RequestKind.CALL;
      case Endpoint.Query q -> RequestKind.QUERY;
      case Endpoint.ReadState r -> RequestKind.READ_STATE;
      case Endpoint.Status s -> throw new IllegalStateException("handled above");
    };
    HttpRequestEnvelope envelope;
    try {
      envelope = envelopes.parse(body, kind);
    } catch (DecodeException e) {
      return HttpResult.badRequest("Could not parse body as " + kind.wireName() + " message: " + e.getMessage());
    }
    long now = backend.clock().now().nanos();
    AuthResult auth = authenticator.authenticate(envelope, now);
    if (auth instanceof AuthResult.Rejected r) {
      String message = "Failed to authenticate request " + envelope.content().requestId().toHex() + ": " + r.message();
      return isExpiry(r.code()) ? HttpResult.badRequest(message) : HttpResult.forbidden(message);
    }
    AuthResult.Authenticated who = (AuthResult.Authenticated) auth;
    return switch (endpoint) {
      case Endpoint.Call c -> call(c, (CallContent) envelope.content(), body);
      case Endpoint.Query q -> query(q, (QueryContent) envelope.content(), now);
      case Endpoint.ReadState r -> readState(r, (ReadStateContent) envelope.content(), who);
      case Endpoint.Status s -> throw new IllegalStateException("handled above");
    };
  }

  private HttpResult status() {
    Optional<CertifiedSnapshot> snapshot = backend.state().latestCertified();
    String health = snapshot.isPresent() ? "healthy" : "waiting_for_certified_state";
    return HttpResult.cbor(ResponseCbor.status(
        backend.state().subnet().rootKeyDer(), config.implVersion(), health, snapshot.map(s -> s.height().value())));
  }

  private HttpResult call(Endpoint.Call endpoint, CallContent content, byte[] body) {
    SubnetInfo subnet = backend.state().subnet();
    Optional<HttpResult> bad = EffectiveIdCheck.check(content, endpoint.effectiveId(), subnet);
    if (bad.isPresent()) {
      return bad.get();
    }
    SubmitResult submitted = backend.ingress().submit(new SignedIngressCall(content, Blob.of(body), endpoint.effectiveId()));
    return switch (submitted) {
      case SubmitResult.Overloaded o -> HttpResult.text(o.tooManyFromThisClient() ? 429 : 503, o.message());
      case SubmitResult.NonReplicatedRejection r -> HttpResult.cbor(endpoint.synchronous()
          ? ResponseCbor.syncCallRejection(r.rejectCode(), r.rejectMessage(), r.errorCode())
          : ResponseCbor.callRejection(r.rejectCode(), r.rejectMessage(), r.errorCode()));
      case SubmitResult.Accepted a -> endpoint.synchronous() ? awaitCertified(content) : HttpResult.empty(202);
    };
  }

  /** The v3/v4 wait: a certificate for the request's terminal status, or 202 on timeout. */
  private HttpResult awaitCertified(CallContent content) {
    boolean done;
    try {
      done = backend.state().awaitCertifiedTerminalStatus(content.requestId(), config.syncCallTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HttpResult.empty(202);
    }
    Optional<CertifiedSnapshot> snapshot = backend.state().latestCertified();
    if (!done || snapshot.isEmpty()) {
      return HttpResult.empty(202);
    }
    List<List<Blob>> paths = List.of(List.of(Blob.of("request_status".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        Blob.of(content.requestId().toBytes())));
    return HttpResult.cbor(ResponseCbor.syncCallCertificate(snapshot.get().certificate(paths)));
  }

  private HttpResult query(Endpoint.Query endpoint, QueryContent content, long now) {
    Optional<HttpResult> bad = EffectiveIdCheck.check(content, endpoint.effectiveId(), backend.state().subnet());
    if (bad.isPresent()) {
      return bad.get();
    }
    return switch (backend.queries().execute(content, endpoint.effectiveId())) {
      case QueryOutcome.Unavailable u -> HttpResult.text(503, u.message());
      case QueryOutcome.Answered a -> {
        QueryResponseSigner.Signed signed = responseSigner.sign(a.response(), now, content.requestId());
        yield HttpResult.cbor(ResponseCbor.query(a.response(), signed.timestampNanos(), signed.signature(), responseSigner.nodeId()));
      }
    };
  }

  private HttpResult readState(Endpoint.ReadState endpoint, ReadStateContent content, AuthResult.Authenticated who) {
    SubnetInfo subnet = backend.state().subnet();
    if (endpoint.effectiveId() instanceof EffectiveId.Subnet s && !s.id().equals(subnet.subnetId())) {
      return HttpResult.badRequest("effective subnet id " + s.id() + " in the URL is not this node's subnet " + subnet.subnetId());
    }
    Optional<CertifiedSnapshot> snapshot = backend.state().latestCertified();
    if (snapshot.isEmpty()) {
      return HttpResult.text(503, "Certified state is not available yet. Please try again later.");
    }
    var reader = new ReadStatePermissions.Reader(who.sender(), who.targets(), endpoint.effectiveId(), endpoint.version());
    Optional<HttpResult> denied = ReadStatePermissions.check(content.paths(), reader, subnet, snapshot.get());
    if (denied.isPresent()) {
      return denied.get();
    }
    return HttpResult.cbor(ResponseCbor.readState(snapshot.get().certificate(content.paths())));
  }

  private static boolean isExpiry(AuthRejectCode code) {
    return code == AuthRejectCode.INGRESS_EXPIRED || code == AuthRejectCode.INGRESS_EXPIRY_TOO_FAR || code == AuthRejectCode.DELEGATION_EXPIRED;
  }

  /** True for {@code application/cbor}, ignoring case and parameters. */
  static boolean isCbor(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String media = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    return media.equals("application/cbor");
  }
}
