package dev.jic.types.id;

/**
 * The id of a canister: a principal. Canisters created by the system get opaque ids
 * {@code u64_be(index) · 0x01 · 0x01}; the management canister is {@link #MANAGEMENT}.
 */
public record CanisterId(PrincipalId principal) implements Comparable<CanisterId> {

  /** The management canister {@code aaaaa-aa}. */
  public static final CanisterId MANAGEMENT = new CanisterId(PrincipalId.MANAGEMENT_CANISTER);

  public CanisterId {
    if (principal == null) {
      throw new NullPointerException("principal");
    }
  }

  /** The opaque canister id with the given index: {@code u64_be(index) · 01 · 01}. */
  public static CanisterId fromU64(long index) {
    byte[] b = new byte[10];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (index >>> (56 - 8 * i));
    }
    b[8] = 0x01;
    b[9] = 0x01;
    return new CanisterId(PrincipalId.of(b));
  }

  public static CanisterId fromText(String text) {
    return new CanisterId(PrincipalId.fromText(text));
  }

  public static CanisterId of(byte[] bytes) {
    return new CanisterId(PrincipalId.of(bytes));
  }

  /**
   * The index of an opaque system-issued canister id ({@link #fromU64}), or -1 when this id does
   * not have that shape. The index is an unsigned 64-bit value.
   */
  public long toU64OrMinusOne() {
    if (principal.length() != 10 || principal.byteAt(8) != 0x01 || principal.byteAt(9) != 0x01) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (principal.byteAt(i) & 0xffL);
    }
    return v;
  }

  public byte[] toBytes() {
    return principal.toBytes();
  }

  public boolean isManagement() {
    return principal.isManagementCanister();
  }

  @Override
  public int compareTo(CanisterId o) {
    return principal.compareTo(o.principal);
  }

  @Override
  public String toString() {
    return principal.toText();
  }
}
