/**
 * Fakes for tests at the HTTP boundary: {@link dev.jic.testkit.http.FakeSubnet} is an in-memory
 * one-node subnet implementing the four backend ports that {@code jic-http}'s server needs
 * (ingress submission, query execution, certified state access, time) with real certificates
 * (a BLS root key signs a real state tree), and {@link dev.jic.testkit.http.FakeNode} is the
 * "hello" node built on it. Test code wires them into {@code HttpBackend} itself (this module must
 * not depend on {@code jic-http}): {@code new HttpBackend(node, node, node, node, node.nodeKey())}.
 */
package dev.jic.testkit.http;
