package dev.jic.crypto.sig;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free table from 32-byte digests (SHA-256 of whatever identifies an entry) to
 * immutable values, remembering recent entries: the storage behind the memo caches of the request
 * path ({@link VerifiedSignatureCache}, query-signature reuse, parsed envelopes).
 *
 * <p>Each key has two candidate slots, chosen from two different parts of the digest. A new entry
 * goes into its first slot; the entry it displaces moves to that entry's own second slot
 * (replacing whatever was there). So two keys that share a first slot are both kept, which a
 * plain direct-mapped table would not do (64 polling clients in 1,024 slots collide with
 * probability ~86 %). At most {@code capacity} entries are held. Slots are read and written with
 * volatile semantics; a race between writers can only lose an entry (a later miss), never pair a
 * key with another key's value, because key and value sit in one immutable slot record.
 * No randomness; the outcome of a sequence of calls on one thread is deterministic.
 *
 * @param <V> the value type; values must be immutable or treated as read-only by every caller
 */
public final class RecentDigestTable<V> {
  private record Slot<V>(byte[] key, V value) {}

  private final AtomicReferenceArray<Slot<V>> slots;
  private final int mask;

  /**
   * A table of {@code capacity} slots.
   *
   * @throws IllegalArgumentException unless {@code capacity} is a power of two in 2..2^20
   */
  public RecentDigestTable(int capacity) {
    if (capacity < 2 || capacity > (1 << 20) || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two in 2..2^20, got " + capacity);
    }
    this.slots = new AtomicReferenceArray<>(capacity);
    this.mask = capacity - 1;
  }

  /**
   * Feeds {@code part} into {@code md} preceded by its length (4 bytes, big-endian), so that the
   * parts of a key digest built from several variable-length fields cannot be shifted into one
   * another. Never throws for a non-null part.
   */
  public static void updateLengthPrefixed(MessageDigest md, byte[] part) {
    int n = part.length;
    md.update((byte) (n >>> 24));
    md.update((byte) (n >>> 16));
    md.update((byte) (n >>> 8));
    md.update((byte) n);
    md.update(part);
  }

  /** The number of slots: the most entries held at once. */
  public int capacity() {
    return mask + 1;
  }

  /**
   * The value remembered for {@code key}, or null.
   *
   * @throws IllegalArgumentException if {@code key} is shorter than 8 bytes
   */
  public V get(byte[] key) {
    int a = first(key);
    Slot<V> s = slots.get(a);
    if (s != null && Arrays.equals(s.key(), key)) {
      return s.value();
    }
    s = slots.get(second(key, a));
    return s != null && Arrays.equals(s.key(), key) ? s.value() : null;
  }

  /**
   * Remembers {@code value} for {@code key} (a digest; the array must not be modified afterwards),
   * displacing older entries as described in the class comment.
   */
  public void put(byte[] key, V value) {
    Objects.requireNonNull(value, "value");
    int a = first(key);
    int b = second(key, a);
    Slot<V> inB = slots.get(b);
    if (inB != null && Arrays.equals(inB.key(), key)) {
      slots.set(b, new Slot<>(key, value));
      return;
    }
    Slot<V> old = slots.getAndSet(a, new Slot<>(key, value));
    if (old != null && !Arrays.equals(old.key(), key)) {
      slots.set(second(old.key(), a), old);
    }
  }

  /** How many slots hold an entry (O(capacity); for tests and metrics). */
  public int size() {
    int n = 0;
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  private int first(byte[] k) {
    if (k.length < 8) {
      throw new IllegalArgumentException("a key is a digest of at least 8 bytes");
    }
    return ((k[0] & 0xff) | (k[1] & 0xff) << 8 | (k[2] & 0xff) << 16 | (k[3] & 0xff) << 24) & mask;
  }

  private int second(byte[] k, int first) {
    int b = ((k[4] & 0xff) | (k[5] & 0xff) << 8 | (k[6] & 0xff) << 16 | (k[7] & 0xff) << 24) & mask;
    return b == first ? first ^ 1 : b;
  }
}
