package dev.jic.cli.client;

import dev.jic.cli.identity.IdentityStore;
import java.net.URI;
import picocli.CommandLine.Option;

/** The options every networked command shares (a picocli mixin): the network URL and the identity. */
public final class ClientOptions {
  /** The default network: a local {@code jic start} (or dfx) replica. */
  public static final String DEFAULT_NETWORK = "http://127.0.0.1:4943";

  @Option(names = "--network", paramLabel = "URL", description = "the replica's URL (default $JIC_NETWORK or " + DEFAULT_NETWORK + ")")
  String network;

  @Option(names = "--identity", paramLabel = "NAME", description = "sign as this identity (default: the one chosen by `jic identity use`)")
  String identity;

  /** The network URL in effect. */
  public URI networkUri(CliEnv env) throws AgentException {
    String n = network != null ? network : env.env().getOrDefault("JIC_NETWORK", DEFAULT_NETWORK);
    try {
      URI u = URI.create(n);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new AgentException("invalid --network '" + n + "': " + e.getMessage(), "e.g. --network http://127.0.0.1:4943");
    }
  }

  /** An agent for the network, signing as the chosen identity. */
  public IcAgent agent(CliEnv env) throws AgentException {
    IdentityStore store = new IdentityStore(env.identityRoot());
    String name = identity != null ? identity : env.env().get("JIC_IDENTITY");
    return new IcAgent(networkUri(env), name != null ? store.load(name) : store.current());
  }
}
