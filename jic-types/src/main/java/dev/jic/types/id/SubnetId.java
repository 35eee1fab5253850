package dev.jic.types.id;

/** The id of a subnet; by convention the self-authenticating principal of the subnet's threshold public key. */
public record SubnetId(PrincipalId principal) implements Comparable<SubnetId> {

  public SubnetId {
    if (principal == null) {
      throw new NullPointerException("principal");
    }
  }

  public static SubnetId fromText(String text) {
    return new SubnetId(PrincipalId.fromText(text));
  }

  public static SubnetId of(byte[] bytes) {
    return new SubnetId(PrincipalId.of(bytes));
  }

  public byte[] toBytes() {
    return principal.toBytes();
  }

  @Override
  public int compareTo(SubnetId o) {
    return principal.compareTo(o.principal);
  }

  @Override
  public String toString() {
    return principal.toText();
  }
}
