package dev.jic.cli.client;

/** A picocli command that needs the {@link CliEnv}; the command factory of {@code Cli} injects it. */
public interface EnvAware {
  /** Called once, right after construction. */
  void setEnv(CliEnv env);
}
