package dev.jic.types.id;

/** The id of a user (the sender of an ingress message): any principal, usually self-authenticating or anonymous. */
public record UserId(PrincipalId principal) implements Comparable<UserId> {

  public UserId {
    if (principal == null) {
      throw new NullPointerException("principal");
    }
  }

  public static UserId fromText(String text) {
    return new UserId(PrincipalId.fromText(text));
  }

  public static UserId of(byte[] bytes) {
    return new UserId(PrincipalId.of(bytes));
  }

  public byte[] toBytes() {
    return principal.toBytes();
  }

  @Override
  public int compareTo(UserId o) {
    return principal.compareTo(o.principal);
  }

  @Override
  public String toString() {
    return principal.toText();
  }
}
