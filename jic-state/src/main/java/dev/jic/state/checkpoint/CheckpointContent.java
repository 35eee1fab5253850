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

  /** A file with exactly these bytes. */
  public record Blob(byte[] bytes) implements Entry {
    /** Copies the bytes. */
    public Blob {
      bytes = bytes.clone();
    }

    /** The bytes (a copy). */
    @Override
    public byte[] bytes() {
      return bytes.clone();
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

    /** Adds a blob. */
    public Builder blob(String name, byte[] bytes) {
      entries.put(name, new Blob(bytes));
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
