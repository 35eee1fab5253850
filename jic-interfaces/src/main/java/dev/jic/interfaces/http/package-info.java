/**
 * Values shared by the HTTPS interface and the layers behind it: the effective destination of a
 * request ({@link dev.jic.interfaces.http.EffectiveId}) and the node's view of its subnet
 * ({@link dev.jic.interfaces.http.SubnetInfo}). The services the HTTP server calls live in the
 * sibling packages {@code ingress}, {@code query} and {@code state}.
 */
package dev.jic.interfaces.http;
