package dev.jic.cli;

/** The version of this jic build, from the jar manifest when packaged. */
final class Version {
  private Version() {}

  static String current() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
