package dev.jic.wasm.memory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.types.Element;

/**
 * The state of an instance's tables and element segments, captured to be put back: what
 * {@code table.set}, {@code table.grow}, {@code table.fill}, {@code table.copy},
 * {@code table.init} and {@code elem.drop} changed. Companion of {@link GlobalsSnapshot} (globals)
 * and {@link PageMapMemory} (memory bytes, size and dropped data segments).
 *
 * <p>How the execution layer uses it (the IC's semantics as we read the replica: it builds a fresh
 * Wasm instance for every execution, carrying over only memory and exported globals, so table
 * changes never outlive the message that made them; see docs/WASM.md): capture once right after instantiation (after {@code canister_init}
 * or {@code post_upgrade} if those should count as set-up) and {@link #restoreTo} after every
 * message, committed or not. A layer that wants table changes to persist instead captures before
 * each message and restores only on a trap.
 *
 * <p>Cost: O(total table size) per capture and per restore (a few microseconds for the tables of
 * typical canisters). Instances created by the engine use {@link RestorableTable}, which is what
 * lets a restore undo a {@code table.grow}. Immutable; safe to share.
 */
public final class TablesSnapshot {
  private final int[][] refs;
  private final Instance[][] owners;
  private final Element[] elements;

  private TablesSnapshot(int[][] refs, Instance[][] owners, Element[] elements) {
    this.refs = refs;
    this.owners = owners;
    this.elements = elements;
  }

  /** Captures every table and element segment of {@code instance}. */
  public static TablesSnapshot capture(Instance instance) {
    int n = instance.tableCount();
    int[][] refs = new int[n][];
    Instance[][] owners = new Instance[n][];
    for (int t = 0; t < n; t++) {
      TableInstance table = instance.table(t);
      if (table instanceof RestorableTable r) {
        refs[t] = r.refsCopy();
        owners[t] = r.instancesCopy();
      } else {
        int size = table.size();
        refs[t] = new int[size];
        owners[t] = new Instance[size];
        for (int i = 0; i < size; i++) {
          refs[t][i] = table.ref(i);
          owners[t][i] = table.instance(i);
        }
      }
    }
    Element[] elements = new Element[instance.elementCount()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = instance.element(i);
    }
    return new TablesSnapshot(refs, owners, elements);
  }

  /**
   * Puts the captured tables and element segments back into {@code instance}.
   *
   * @throws IllegalArgumentException if {@code instance} has other tables or element segments than
   *     the captured one (not an instance of the same module)
   * @throws IllegalStateException if a table that is not a {@link RestorableTable} changed size
   *     (only a {@code RestorableTable} can shrink back)
   */
  public void restoreTo(Instance instance) {
    if (instance.tableCount() != refs.length || instance.elementCount() != elements.length) {
      throw new IllegalArgumentException("instance has " + instance.tableCount() + " tables and "
          + instance.elementCount() + " element segments, snapshot " + refs.length + " and " + elements.length);
    }
    for (int t = 0; t < refs.length; t++) {
      TableInstance table = instance.table(t);
      if (table instanceof RestorableTable r) {
        r.restore(refs[t], owners[t]);
      } else {
        if (table.size() != refs[t].length) {
          throw new IllegalStateException("table " + t + " changed size and cannot shrink back: instantiate with "
              + "RestorableTable");
        }
        for (int i = 0; i < refs[t].length; i++) {
          table.setRef(i, refs[t][i], owners[t][i]);
        }
      }
    }
    for (int i = 0; i < elements.length; i++) {
      instance.setElement(i, elements[i]);
    }
  }

  /** Number of tables captured. */
  public int tableCount() {
    return refs.length;
  }

  /** Size of captured table {@code t}. */
  public int tableSize(int t) {
    return refs[t].length;
  }
}
