package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.CliEnv;
import dev.jic.cli.client.EnvAware;
import dev.jic.cli.identity.IdentityCommand;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the picocli commands of {@code jic} ({@code identity}, {@code canister}, {@code deploy} and
 * any other top-level command object handed in): injects the {@link CliEnv}, prints an
 * {@link AgentException} as {@code jic: <message>} plus {@code hint: <hint>}, and returns the exit
 * status: 0 ok, 1 failure, 2 usage error (picocli prints what was wrong and the usage).
 */
public final class Commands {
  private Commands() {}

  /** Runs {@code jic identity ...}. */
  public static int identity(List<String> args, CliEnv env) {
    return run(new IdentityCommand(), args, env);
  }

  /** Runs {@code jic canister ...}. */
  public static int canister(List<String> args, CliEnv env) {
    return run(new CanisterCommand(), args, env);
  }

  /** Runs {@code jic deploy ...}. */
  public static int deploy(List<String> args, CliEnv env) {
    return run(new CodeCommands.Deploy(), args, env);
  }

  /** Runs any picocli command object (its subcommands get {@code env} if they are {@link EnvAware}). */
  public static int run(Object command, List<String> args, CliEnv env) {
    if (command instanceof EnvAware e) {
      e.setEnv(env);
    }
    CommandLine.IFactory base = CommandLine.defaultFactory();
    CommandLine cl = new CommandLine(command, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K k = base.create(cls);
        if (k instanceof EnvAware e) {
          e.setEnv(env);
        }
        return k;
      }
    });
    cl.setOut(new PrintWriter(env.out(), true));
    cl.setErr(new PrintWriter(env.err(), true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof AgentException a) {
        env.err().println("jic: " + a.getMessage());
        if (!a.hint().isEmpty()) {
          env.err().println("hint: " + a.hint());
        }
        return 1;
      }
      env.err().println("jic: internal error: " + ex);
      env.err().println("hint: this is a bug in jic; please report it with the command you ran");
      return 1;
    });
    return cl.execute(args.toArray(String[]::new));
  }
}
