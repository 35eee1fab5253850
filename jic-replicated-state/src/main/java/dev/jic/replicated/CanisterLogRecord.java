package dev.jic.replicated;

import java.util.Arrays;

/** One canister log record ({@code fetch_canister_logs}): index, time and content bytes. */
public record CanisterLogRecord(long idx, long timestampNanos, byte[] content) {
  public CanisterLogRecord {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanisterLogRecord r && r.idx == idx && r.timestampNanos == timestampNanos
        && Arrays.equals(r.content, content);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(idx) * 31 + Arrays.hashCode(content);
  }
}
