package dev.jic.wasm.memory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import java.util.Arrays;

/**
 * A Wasm table (Chicory {@link TableInstance}) whose whole state can be saved and put back,
 * shrinking included, so that {@link TablesSnapshot} can undo {@code table.set}, {@code table.grow},
 * {@code table.fill/copy/init}. Install it with {@code Instance.builder(m).withTableFactory(
 * RestorableTable::new)} (the engine does).
 *
 * <p>Behaves like Chicory 1.7.5's {@code TableInstance} (same traps and messages), with one
 * deliberate difference: {@link #grow} does not add to the module's {@code TableLimits.min}.
 * Chicory's does, and since the parsed module is shared by every instance of a compiled module,
 * one instance's {@code table.grow} would make every later instance start with a larger table.
 *
 * <p>Not thread-safe: one instance, one thread at a time.
 */
public final class RestorableTable extends TableInstance {
  private int[] refs;
  private Instance[] instances;

  /** A table of {@code table}'s minimum size with every entry {@code initRef}. */
  public RestorableTable(Table table, int initRef) {
    super(table, initRef);
    int n = (int) table.limits().min();
    this.refs = new int[n];
    Arrays.fill(refs, initRef);
    this.instances = new Instance[n];
  }

  @Override
  public int size() {
    return refs.length;
  }

  @Override
  public int grow(int n, int initRef, Instance instance) {
    int old = refs.length;
    int next = old + n;
    if (n < 0 || next < old || next > limits().max()) {
      return -1;
    }
    refs = Arrays.copyOf(refs, next);
    Arrays.fill(refs, old, next, initRef);
    instances = Arrays.copyOf(instances, next);
    Arrays.fill(instances, old, next, instance);
    return old;
  }

  @Override
  public int ref(int index) {
    if (index < 0 || index >= refs.length) {
      throw new ChicoryException("undefined element");
    }
    return refs[index];
  }

  @Override
  public int requiredRef(int index) {
    int r = ref(index);
    if (r == -1) {
      throw new ChicoryException("uninitialized element " + index);
    }
    return r;
  }

  @Override
  public void setRef(int index, int value, Instance instance) {
    if (index < 0 || index >= refs.length) {
      throw new UninstantiableException("out of bounds table access");
    }
    refs[index] = value;
    instances[index] = instance;
  }

  @Override
  public Instance instance(int index) {
    return instances[index];
  }

  @Override
  public void reset() {
    Arrays.fill(refs, -1);
  }

  /** The entries (function references, -1 for null), a copy. */
  int[] refsCopy() {
    return refs.clone();
  }

  /** The owning instance of each entry, a copy. */
  Instance[] instancesCopy() {
    return instances.clone();
  }

  /** Replaces the whole state (size included) with copies of {@code r} and {@code in}. */
  void restore(int[] r, Instance[] in) {
    this.refs = r.clone();
    this.instances = in.clone();
  }
}
