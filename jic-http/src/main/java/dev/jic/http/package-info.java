/**
 * The public HTTPS interface of a jic node ({@link dev.jic.http.IcHttpServer}, Netty HTTP/1.1):
 * {@code /api/v2/status}, v2 (async) and v3/v4 (sync) calls, v2/v3 queries and read_state, for
 * canister and subnet effective ids (interface spec §HTTPS interface; digest §1).
 *
 * <p>Safety: a call reaches {@link dev.jic.interfaces.ingress.IngressSubmission} only after its
 * envelope parsed, its sender authenticated at the node's time, and its effective id matched the
 * call and this subnet's ranges; a certificate is handed out only after the read_state path rules
 * allowed every path; every query response is signed by the node key over exactly the fields it
 * carries (a signature may be reused for an identical response to the same request for up to 1 s,
 * with the timestamp it was made with: see {@link dev.jic.crypto.node.QueryResponseSigner}).
 * Liveness: every request gets an answer (bad input 4xx, overload 503, sync-call timeout 202)
 * without blocking an event loop; a malformed request never stops the server.
 */
package dev.jic.http;
