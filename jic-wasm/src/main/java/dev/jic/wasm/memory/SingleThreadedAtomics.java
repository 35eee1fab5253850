package dev.jic.wasm.memory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import java.lang.invoke.VarHandle;

/**
 * The threads-proposal half of Chicory's {@link Memory} for a memory that is never shared: the IC
 * runs each canister on one thread and does not enable shared memories, so an atomic
 * read-modify-write is a plain read then write through the (bounds-checked, copy-on-write) typed
 * accessors, and it traps exactly as they do. Mirrors {@code ByteArrayMemory} for a non-shared
 * memory: {@link #lock} is unsupported, waiting throws, notifying wakes nobody.
 */
abstract class SingleThreadedAtomics implements Memory {

    /** Unsupported, as in Chicory's {@code ByteArrayMemory}. */
    @Override
    @Deprecated
    public Object lock(int address) {
        throw new UnsupportedOperationException();
    }

    /** Always throws: waiting on a non-shared memory (Chicory's behaviour). */
    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    /** Always throws: waiting on a non-shared memory (Chicory's behaviour). */
    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    /** Nobody can wait on a non-shared memory: wakes 0 threads. */
    @Override
    public int notify(int address, int maxThreads) {
        return 0;
    }

    @Override
    public void atomicFence() {
        VarHandle.fullFence();
    }

    @Override public byte atomicReadByte(int a) { return read(a); }
    @Override public short atomicReadShort(int a) { return readShort(a); }
    @Override public int atomicReadInt(int a) { return readInt(a); }
    @Override public long atomicReadLong(int a) { return readLong(a); }

    @Override public void atomicWriteByte(int a, byte v) { writeByte(a, v); }
    @Override public void atomicWriteShort(int a, short v) { writeShort(a, v); }
    @Override public void atomicWriteInt(int a, int v) { writeI32(a, v); }
    @Override public void atomicWriteLong(int a, long v) { writeLong(a, v); }

    @Override public byte atomicAddByte(int a, byte v) { byte o = read(a); writeByte(a, (byte) (o + v)); return o; }
    @Override public byte atomicAndByte(int a, byte v) { byte o = read(a); writeByte(a, (byte) (o & v)); return o; }
    @Override public byte atomicOrByte(int a, byte v) { byte o = read(a); writeByte(a, (byte) (o | v)); return o; }
    @Override public byte atomicXorByte(int a, byte v) { byte o = read(a); writeByte(a, (byte) (o ^ v)); return o; }
    @Override public byte atomicXchgByte(int a, byte v) { byte o = read(a); writeByte(a, v); return o; }

    @Override
    public byte atomicCmpxchgByte(int a, byte expected, byte replacement) {
        byte o = read(a);
        if (o == expected) {
            writeByte(a, replacement);
        }
        return o;
    }

    @Override public short atomicAddShort(int a, short v) { short o = readShort(a); writeShort(a, (short) (o + v)); return o; }
    @Override public short atomicAndShort(int a, short v) { short o = readShort(a); writeShort(a, (short) (o & v)); return o; }
    @Override public short atomicOrShort(int a, short v) { short o = readShort(a); writeShort(a, (short) (o | v)); return o; }
    @Override public short atomicXorShort(int a, short v) { short o = readShort(a); writeShort(a, (short) (o ^ v)); return o; }
    @Override public short atomicXchgShort(int a, short v) { short o = readShort(a); writeShort(a, v); return o; }

    @Override
    public short atomicCmpxchgShort(int a, short expected, short replacement) {
        short o = readShort(a);
        if (o == expected) {
            writeShort(a, replacement);
        }
        return o;
    }

    @Override public int atomicAddInt(int a, int v) { int o = readInt(a); writeI32(a, o + v); return o; }
    @Override public int atomicAndInt(int a, int v) { int o = readInt(a); writeI32(a, o & v); return o; }
    @Override public int atomicOrInt(int a, int v) { int o = readInt(a); writeI32(a, o | v); return o; }
    @Override public int atomicXorInt(int a, int v) { int o = readInt(a); writeI32(a, o ^ v); return o; }
    @Override public int atomicXchgInt(int a, int v) { int o = readInt(a); writeI32(a, v); return o; }

    @Override
    public int atomicCmpxchgInt(int a, int expected, int replacement) {
        int o = readInt(a);
        if (o == expected) {
            writeI32(a, replacement);
        }
        return o;
    }

    @Override public long atomicAddLong(int a, long v) { long o = readLong(a); writeLong(a, o + v); return o; }
    @Override public long atomicAndLong(int a, long v) { long o = readLong(a); writeLong(a, o & v); return o; }
    @Override public long atomicOrLong(int a, long v) { long o = readLong(a); writeLong(a, o | v); return o; }
    @Override public long atomicXorLong(int a, long v) { long o = readLong(a); writeLong(a, o ^ v); return o; }
    @Override public long atomicXchgLong(int a, long v) { long o = readLong(a); writeLong(a, v); return o; }

    @Override
    public long atomicCmpxchgLong(int a, long expected, long replacement) {
        long o = readLong(a);
        if (o == expected) {
            writeLong(a, replacement);
        }
        return o;
    }
}
