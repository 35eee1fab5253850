package dev.jic.pagemap;

/**
 * A stable-memory access outside the current size: the System API turns it into a canister trap
 * (the IC's "stable memory out of bounds"). Carries the offending range (offset and length are
 * unsigned 64-bit values as the System API passes them) and the size at the time.
 */
public final class StableMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long length;
    private final long sizeInBytes;

    StableMemoryException(long offset, long length, long sizeInBytes) {
        super("stable memory out of bounds: offset=" + Long.toUnsignedString(offset) + " length=" + Long.toUnsignedString(length)
                + " size=" + sizeInBytes);
        this.offset = offset;
        this.length = length;
        this.sizeInBytes = sizeInBytes;
    }

    /** The requested start offset (unsigned). */
    public long offset() {
        return offset;
    }

    /** The requested length in bytes (unsigned). */
    public long length() {
        return length;
    }

    /** The stable memory size in bytes when the access failed. */
    public long sizeInBytes() {
        return sizeInBytes;
    }
}
