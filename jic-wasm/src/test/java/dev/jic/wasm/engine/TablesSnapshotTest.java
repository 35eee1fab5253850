package dev.jic.wasm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.engine.EngineConfig.Backend;
import dev.jic.wasm.memory.TablesSnapshot;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TablesSnapshot} on engine instances ({@code engine-tables.wat}): every table change
 * ({@code table.set}, {@code table.grow}, {@code table.init}) and {@code elem.drop} is undone by a
 * restore, and one instance's {@code table.grow} does not leak into the next instance of the same
 * compiled module (Chicory's own table grows the shared module limits).
 */
class TablesSnapshotTest {
  private static final NumInstructions BIG = NumInstructions.of(1L << 40);

  private static long call(WasmInstance inst, String export, Long... args) {
    CallOutcome o = inst.call(export, List.of(args), BIG);
    CallOutcome.Completed c = assertInstanceOf(CallOutcome.Completed.class, o, export + ": " + o);
    return c.results().isEmpty() ? 0 : c.results().get(0);
  }

  private static TrapKind trap(WasmInstance inst, String export, Long... args) {
    return assertInstanceOf(CallOutcome.Trapped.class, inst.call(export, List.of(args), BIG)).kind();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void restoreUndoesEveryTableChange(Backend b) {
    WasmEngine e = new ChicoryEngine(EngineConfig.defaults().withIcRules(false).withBackend(b));
    CompiledModule m = EngineTest.compiled(e, "engine-tables");
    WasmInstance inst = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(m, ImportResolver.none(), MemoryFactory.heap(), BIG)).instance();
    TablesSnapshot initial = TablesSnapshot.capture(inst.chicoryInstance());
    assertEquals(2, initial.tableSize(0));

    call(inst, "swap");
    assertEquals(2, call(inst, "call", 0L));
    assertEquals(TrapKind.UNINITIALIZED_ELEMENT, trap(inst, "call", 1L));
    assertEquals(2, call(inst, "grow", 3L));
    assertEquals(5, call(inst, "size"));
    call(inst, "init", 3L);              // entries 3, 4 := $two, $one from the passive segment
    assertEquals(2, call(inst, "call", 3L));
    call(inst, "drop");
    assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, trap(inst, "init", 0L), "a dropped segment has length 0");

    initial.restoreTo(inst.chicoryInstance());
    assertEquals(2, call(inst, "size"));
    assertEquals(1, call(inst, "call", 0L));
    assertEquals(2, call(inst, "call", 1L));
    assertEquals(TrapKind.UNDEFINED_ELEMENT, trap(inst, "call", 3L));
    call(inst, "init", 0L);              // the passive segment is back
    assertEquals(2, call(inst, "call", 0L));
    assertEquals(1, call(inst, "call", 1L));

    // A second instance of the same compiled module starts from the module's table, not this one's.
    call(inst, "grow", 4L);
    WasmInstance fresh = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(m, ImportResolver.none(), MemoryFactory.heap(), BIG)).instance();
    assertEquals(2, call(fresh, "size"));
    assertEquals(6, call(inst, "size"));
  }
}
