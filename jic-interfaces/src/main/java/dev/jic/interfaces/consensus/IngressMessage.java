package dev.jic.interfaces.consensus;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ingress message as consensus sees it: its id, its expiry and its opaque signed bytes (the
 * HTTP layer parsed and checked them before they reached the ingress pool). Immutable.
 */
public final class IngressMessage {
  private final IngressId id;
  private final Time expiry;
  private final byte[] content;

  public IngressMessage(IngressId id, Time expiry, byte[] content) {
    this.id = Objects.requireNonNull(id, "id");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.content = Objects.requireNonNull(content, "content").clone();
  }

  public IngressId id() {
    return id;
  }

  public Time expiry() {
    return expiry;
  }

  public byte[] content() {
    return content.clone();
  }

  /** Size counted against the block byte limit: the content length plus 40 bytes of id and expiry. */
  public long countedBytes() {
    return content.length + 40L;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IngressMessage m && id.equals(m.id) && expiry.equals(m.expiry) && Arrays.equals(content, m.content);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Ingress(" + id + ", " + content.length + " B)";
  }
}
