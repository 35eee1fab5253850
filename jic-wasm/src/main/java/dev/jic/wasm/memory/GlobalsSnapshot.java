package dev.jic.wasm.memory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import java.util.Arrays;

/**
 * The values of an instance's mutable globals, captured to be restored after a trap or a query
 * (memory rolls back with {@link PageMapMemory#rollback()}, globals with {@link #restoreTo}) or
 * persisted with a canister's state. Immutable globals are not captured: they cannot change.
 *
 * <p>Values are raw bits (low and high 64 bits, the high half used by v128 only), so NaN payloads
 * are kept exactly. Immutable value object; safe to share.
 */
public final class GlobalsSnapshot {
    private final int[] indices;
    private final long[] low;
    private final long[] high;

    private GlobalsSnapshot(int[] indices, long[] low, long[] high) {
        this.indices = indices;
        this.low = low;
        this.high = high;
    }

    /** Captures every mutable global of {@code instance} (imported ones included). */
    public static GlobalsSnapshot capture(Instance instance) {
        int n = instance.globalCount();
        int[] idx = new int[n];
        long[] lo = new long[n];
        long[] hi = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            GlobalInstance g = instance.global(i);
            if (g.getMutabilityType() == MutabilityType.Var) {
                idx[k] = i;
                lo[k] = g.getValueLow();
                hi[k] = g.getValueHigh();
                k++;
            }
        }
        return new GlobalsSnapshot(Arrays.copyOf(idx, k), Arrays.copyOf(lo, k), Arrays.copyOf(hi, k));
    }

    /**
     * Writes the captured values back into {@code instance}'s mutable globals.
     *
     * @throws IllegalArgumentException if {@code instance} does not have a mutable global at every
     *     captured index (it is not an instance of the same module)
     */
    public void restoreTo(Instance instance) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i >= instance.globalCount() || instance.global(i).getMutabilityType() != MutabilityType.Var) {
                throw new IllegalArgumentException("instance has no mutable global " + i);
            }
            GlobalInstance g = instance.global(i);
            g.setValueLow(low[k]);
            g.setValueHigh(high[k]);
        }
    }

    /** Number of mutable globals captured. */
    public int size() {
        return indices.length;
    }

    /** Index (in the instance's global index space) of the {@code k}-th captured global. */
    public int globalIndex(int k) {
        return indices[k];
    }

    /** Low 64 bits of the {@code k}-th captured global's value. */
    public long valueLow(int k) {
        return low[k];
    }

    /** High 64 bits of the {@code k}-th captured global's value (v128 only; else 0). */
    public long valueHigh(int k) {
        return high[k];
    }
}
