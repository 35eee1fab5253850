package dev.jic.replicated;

/**
 * A message addressed to the management canister ({@code aaaaa-aa}) waiting in the subnet queue:
 * an ingress message from a user, or a request from a canister.
 */
public sealed interface SubnetMessage permits Ingress, Request {}
