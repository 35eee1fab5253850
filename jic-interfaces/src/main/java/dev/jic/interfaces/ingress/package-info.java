/**
 * The boundary between the HTTPS interface and ingress handling.
 *
 * <p>Safety: only calls that the HTTP layer has authenticated and matched to an effective id on
 * this subnet reach {@link dev.jic.interfaces.ingress.IngressSubmission}; a call is executed at
 * most once per request id. Liveness: an accepted call that has not expired is eventually ordered,
 * and its status certified under {@code /request_status/<id>}.
 */
package dev.jic.interfaces.ingress;
