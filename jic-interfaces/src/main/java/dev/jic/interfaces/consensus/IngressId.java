package dev.jic.interfaces.consensus;

/** The 32-byte id of an ingress message (its request id). Immutable; ordered bytewise unsigned. */
public final class IngressId extends Bytes32<IngressId> {
  private IngressId(byte[] bytes) {
    super(bytes, "an ingress id has 32 bytes");
  }

  /** Wraps a copy of exactly 32 bytes; throws {@link IllegalArgumentException} otherwise. */
  public static IngressId of(byte[] bytes) {
    return new IngressId(bytes);
  }
}
