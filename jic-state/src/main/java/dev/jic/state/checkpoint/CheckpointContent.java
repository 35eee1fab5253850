package dev.jic.state.checkpoint;

import dev.jic.pagemap.PageMapSnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a checkpoint holds: named entries, each a blob (written as one file with that relative
 * path) or a page map (written as layer files, {@link PageMapFiles}). Names are relative
 * {@code /}-separated paths without {@code .} or {@code ..} parts. Immutable.
 *
 * @param entries the entries by name
 */
public record CheckpointContent(SortedMap<String, Entry> entries) {

  /** Copies the map and checks the names. */
  public CheckpointContent {
    TreeMap<String, Entry> copy = new TreeMap<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      copy.put(checkName(e.getKey()), Objects.requireNonNull(e.getValue()));
    }
    entries = java.util.Collections.unmodifiableSortedMap(copy);
  }

  /** One entry. */
  public sealed interface Entry {}

  /**
   * A file with exactly these bytes. Immutable: the array is copied in and out, except when a
   * {@link Builder#blobOwned} hands over a fresh array and the store writes it out.
   */
  public static final class Blob implements Entry {
    private final byte[] bytes;

    /** Copies the bytes. */
    public Blob(byte[] bytes) {
      this(bytes.clone(), true);
    }

    private Blob(byte[] owned, boolean unused) {
      this.bytes = owned;
    }

    /** The bytes (a copy). */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The bytes themselves, for the store in this package, which only reads them. */
    byte[] shared() {
      return bytes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Blob b && java.util.Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Blob[" + bytes.length + " bytes]";
    }
  }

  /** A page map's committed content. */
  public record Pages(PageMapSnapshot snapshot) implements Entry {
    /** Rejects null. */
    public Pages {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  /** A fresh builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects entries. */
  public static final class Builder {
    private final TreeMap<String, Entry> entries = new TreeMap<>();

    private Builder() {}

    /** Adds a blob (a copy of {@code bytes}). */
    public Builder blob(String name, byte[] bytes) {
      entries.put(name, new Blob(bytes));
      return this;
    }

    /**
     * Adds a blob without copying {@code bytes} (large encodings): the caller hands the array over
     * and must never modify it afterwards.
     */
    public Builder blobOwned(String name, byte[] bytes) {
      entries.put(name, new Blob(java.util.Objects.requireNonNull(bytes), true));
      return this;
    }

    /** Adds a page map. */
    public Builder pages(String name, PageMapSnapshot snapshot) {
      entries.put(name, new Pages(snapshot));
      return this;
    }

    /** The content. */
    public CheckpointContent build() {
      return new CheckpointContent(entries);
    }
  }

  static String checkName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
      throw new IllegalArgumentException("bad checkpoint entry name '" + name + "'");
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("bad checkpoint entry name '" + name + "'");
      }
    }
    if (name.equals(CheckpointStore.MANIFEST_FILE)) {
      throw new IllegalArgumentException("reserved name " + name);
    }
    return name;
  }
}
