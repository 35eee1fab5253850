package dev.jic.cli.identity;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.CliEnv;
import dev.jic.cli.client.EnvAware;
import dev.jic.cli.client.Identity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jic identity new|use|list|whoami}: Ed25519 identities as dfx-compatible PEM files. */
@Command(name = "identity", description = "manage signing identities (Ed25519 PEM files under $JIC_HOME or ~/.config/jic)",
    subcommands = {IdentityCommand.New.class, IdentityCommand.Use.class, IdentityCommand.ListIds.class, IdentityCommand.Whoami.class},
    mixinStandardHelpOptions = true)
public final class IdentityCommand {

  /** Base of the subcommands: holds the environment. */
  abstract static class Base implements Callable<Integer>, EnvAware {
    CliEnv env;

    @Override
    public void setEnv(CliEnv env) {
      this.env = env;
    }

    IdentityStore store() {
      return new IdentityStore(env.identityRoot());
    }
  }

  /** {@code jic identity new NAME}. */
  @Command(name = "new", description = "create a new Ed25519 identity", mixinStandardHelpOptions = true)
  static final class New extends Base {
    @Parameters(paramLabel = "NAME", description = "the identity's name")
    String name;

    @Override
    public Integer call() throws AgentException {
      Identity id = store().create(name);
      env.out().println("created identity " + name + ": " + id.principal());
      env.out().println("key file: " + store().pemFile(name).orElseThrow());
      return 0;
    }
  }

  /** {@code jic identity use NAME}. */
  @Command(name = "use", description = "sign with this identity from now on", mixinStandardHelpOptions = true)
  static final class Use extends Base {
    @Parameters(paramLabel = "NAME", description = "an existing identity, or anonymous")
    String name;

    @Override
    public Integer call() throws AgentException {
      store().use(name);
      env.out().println("using identity " + name + ": " + store().load(name).principal());
      return 0;
    }
  }

  /** {@code jic identity list}. */
  @Command(name = "list", description = "list identities (* marks the one in use)", mixinStandardHelpOptions = true)
  static final class ListIds extends Base {
    @Override
    public Integer call() throws AgentException {
      IdentityStore s = store();
      String current = s.currentName();
      for (String n : s.list()) {
        env.out().println((n.equals(current) ? "* " : "  ") + n + "  " + s.load(n).principal());
      }
      return 0;
    }
  }

  /** {@code jic identity whoami}. */
  @Command(name = "whoami", description = "print the identity in use and its principal", mixinStandardHelpOptions = true)
  static final class Whoami extends Base {
    @Override
    public Integer call() throws AgentException {
      Identity id = store().current();
      env.out().println(id.name() + " " + id.principal());
      return 0;
    }
  }
}
