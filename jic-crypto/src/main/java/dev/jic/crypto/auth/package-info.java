/**
 * Request authentication ({@link dev.jic.crypto.auth.RequestAuthenticator}): decides whether a
 * parsed envelope proves its sender, at an injected time, following the interface spec's
 * §Authentication (anonymous rules, self-authenticating sender, delegation chains with expiry,
 * targets and permissions, ingress-expiry window).
 *
 * <p>Safety: {@code Authenticated(sender, ...)} is returned only if every signature in the chain
 * and {@code sender_sig} verify and all limits hold; any doubt is a {@code Rejected} value with a
 * reason code. Liveness: every well-formed request from an honest agent inside its expiry window
 * is accepted. No wall clock, no randomness, no exceptions on bad input.
 */
package dev.jic.crypto.auth;
