package dev.jic.interfaces.consensus;

import dev.jic.types.messages.CallContent;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An ingress message as consensus sees it: its id, its expiry and its opaque signed bytes (the
 * HTTP layer parsed and checked them before they reached the ingress pool). Immutable.
 *
 * <p>A message built where its bytes were just parsed (the node's own ingress pool) may carry that
 * parse ({@link #decodedCall()}), so that message routing need not decode the same bytes again.
 * It is a pure function of {@link #content()} (never part of equality, never serialised): a
 * message read back from a batch log or received from a peer has none and is parsed again.
 */
public final class IngressMessage {
  private final IngressId id;
  private final Time expiry;
  private final byte[] content;
  private final CallContent decoded;

  public IngressMessage(IngressId id, Time expiry, byte[] content) {
    this(id, expiry, Objects.requireNonNull(content, "content").clone(), null);
  }

  private IngressMessage(IngressId id, Time expiry, byte[] ownedContent, CallContent decoded) {
    this.id = Objects.requireNonNull(id, "id");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.content = ownedContent;
    this.decoded = decoded;
  }

  /**
   * A message whose {@code content} bytes the caller has just parsed into {@code call}: the
   * caller guarantees that {@code call} is exactly {@code EnvelopeParser.parse(content).content()}
   * (the HTTPS interface's parse of the same request body). Nothing else may be passed here.
   */
  public static IngressMessage withDecodedCall(IngressId id, Time expiry, byte[] content, CallContent call) {
    return new IngressMessage(id, expiry, Objects.requireNonNull(content, "content").clone(),
        Objects.requireNonNull(call, "call"));
  }

  /** The parse of {@link #content()} its creator attached (see the class doc), or empty. */
  public Optional<CallContent> decodedCall() {
    return Optional.ofNullable(decoded);
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
