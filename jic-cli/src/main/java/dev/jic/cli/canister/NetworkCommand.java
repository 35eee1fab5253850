package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.CliEnv;
import dev.jic.cli.client.ClientOptions;
import dev.jic.cli.client.EnvAware;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.id.CanisterId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** Base of the commands that talk to a network: {@code --network}, {@code --identity} and the environment. */
abstract class NetworkCommand implements Callable<Integer>, EnvAware {
  @Mixin
  ClientOptions client = new ClientOptions();

  CliEnv env;

  @Override
  public void setEnv(CliEnv env) {
    this.env = env;
  }

  IcAgent agent() throws AgentException {
    return client.agent(env);
  }

  static CanisterId canisterId(String text) throws AgentException {
    try {
      CanisterId id = CanisterId.fromText(text);
      return id;
    } catch (RuntimeException e) {
      throw new AgentException("'" + text + "' is not a canister id", "canister ids look like rrkah-fqaaa-aaaaa-aaaaq-cai");
    }
  }
}
