package dev.jic.types.messages;

import dev.jic.types.hash.HashValue;
import dev.jic.types.hash.RepresentationIndependentHash;
import dev.jic.types.id.CanisterId;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A delegation (interface spec §Authentication; digest §3.3): the holder of {@code pubkey} may
 * sign for the delegator until {@code expiration} (ns since the epoch, unsigned 64-bit), only
 * towards {@code targets} if present (at most 1000), and only for queries if
 * {@code permissions} is {@code "queries"}. The permissions text is kept as received; values
 * other than {@code "queries"} and {@code "all"} make the delegation invalid, which the
 * authenticator reports.
 *
 * <p>{@code hashedMap} is the delegation map as received; {@link #signedHash()} is its
 * {@code hash_of_map}, the message the delegator signed (after the domain separator).
 */
public record Delegation(
    Blob pubkey,
    long expiration,
    Optional<List<CanisterId>> targets,
    Optional<String> permissions,
    SortedMap<String, HashValue> hashedMap) {

  /** The permissions value that limits a chain to queries and read_state. */
  public static final String PERMISSIONS_QUERIES = "queries";
  /** The permissions value that allows everything (same as absent). */
  public static final String PERMISSIONS_ALL = "all";

  public Delegation {
    Objects.requireNonNull(pubkey, "pubkey");
    targets = targets.map(List::copyOf);
    Objects.requireNonNull(permissions, "permissions");
    hashedMap = Collections.unmodifiableSortedMap(new TreeMap<>(hashedMap));
  }

  /** {@code hash_of_map} of the delegation map as received. */
  public byte[] signedHash() {
    return RepresentationIndependentHash.hashOfMap(hashedMap);
  }
}
