package dev.jic.types.id;

/** The id of a node; the self-authenticating principal of its node signing key. */
public record NodeId(PrincipalId principal) implements Comparable<NodeId> {

  public NodeId {
    if (principal == null) {
      throw new NullPointerException("principal");
    }
  }

  public static NodeId fromText(String text) {
    return new NodeId(PrincipalId.fromText(text));
  }

  public static NodeId of(byte[] bytes) {
    return new NodeId(PrincipalId.of(bytes));
  }

  public byte[] toBytes() {
    return principal.toBytes();
  }

  @Override
  public int compareTo(NodeId o) {
    return principal.compareTo(o.principal);
  }

  @Override
  public String toString() {
    return principal.toText();
  }
}
