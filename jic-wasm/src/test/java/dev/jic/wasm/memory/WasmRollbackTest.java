package dev.jic.wasm.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.jic.pagemap.PageMap;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real module (rollback.wat, checked in with its .wasm) runs under Chicory's interpreter and
 * compiler on a {@link PageMapMemory}: a trapping message leaves no trace after rollback.
 */
class WasmRollbackTest {
    private static WasmModule module;
    private static Function<Instance, Machine> compiled;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WasmRollbackTest.class.getResourceAsStream("rollback.wasm")) {
            module = Parser.parse(in.readAllBytes());
        }
        compiled = MachineFactoryCompiler.compile(module); // once, reused by every instance
    }

    private static Instance instantiate(boolean compiler, Function<com.dylibso.chicory.wasm.types.MemoryLimits, com.dylibso.chicory.runtime.Memory> mem) {
        Instance.Builder b = Instance.builder(module).withMemoryFactory(mem);
        if (compiler) {
            b.withMachineFactory(compiled);
        }
        return b.build();
    }

    private static byte[] allBytes(PageMapMemory m) {
        return m.readBytes(0, m.pages() * 65536);
    }

    @ParameterizedTest(name = "compiler={0}")
    @ValueSource(booleans = {false, true})
    void trapThenRollbackRestoresEveryByteAndGlobal(boolean compiler) {
        PageMapMemory[] holder = new PageMapMemory[1];
        Instance inst = instantiate(compiler, l -> holder[0] = PageMapMemory.fresh(l, 10));
        PageMapMemory mem = holder[0];
        assertArrayEquals(new long[] {0}, mem.dirtyPages(), "the data segment at 16 is the only write");
        mem.commit();

        inst.export("store").apply(70000, 1234);
        assertArrayEquals(new long[] {17}, mem.dirtyPages(), "70000 / 4096 = 17");
        mem.commit();
        GlobalsSnapshot globals = GlobalsSnapshot.capture(inst);
        assertEquals(2, globals.size(), "two mutable globals; the const one is skipped");
        byte[] before = allBytes(mem);

        ChicoryException trap = assertThrows(ChicoryException.class, () -> inst.export("scribble_then_trap").apply());
        assertEquals(TrapException.class, trap.getClass());
        long[] expectedDirty = LongStream.concat(LongStream.rangeClosed(0, 19), LongStream.of(48)).toArray();
        assertArrayEquals(expectedDirty, mem.dirtyPages(), "exactly the written pages are dirty");
        assertEquals(5, mem.pages());
        assertEquals(99, inst.global(0).getValue());

        mem.rollback();
        globals.restoreTo(inst);

        assertEquals(2, mem.pages());
        assertArrayEquals(before, allBytes(mem));
        assertEquals(0, mem.dirtyPages().length);
        assertEquals(1234, inst.global(0).getValue());
        assertEquals(11L, inst.export("get_h").apply()[0]);
        assertEquals(1234L, inst.export("load").apply(70000)[0]);
        // the dropped passive segment is back
        inst.export("init_passive").apply(300);
        assertEquals("passive-bytes", mem.readString(300, 13));
        // the grown region is gone again: loads past 2 pages trap
        assertThrows(WasmRuntimeException.class, () -> inst.export("load").apply(200000));
    }

    @ParameterizedTest(name = "compiler={0}")
    @ValueSource(booleans = {false, true})
    void outOfBoundsStoreTrapsWithoutWriting(boolean compiler) {
        PageMapMemory[] holder = new PageMapMemory[1];
        Instance inst = instantiate(compiler, l -> holder[0] = PageMapMemory.fresh(l, 10));
        PageMapMemory mem = holder[0];
        mem.commit();
        WasmRuntimeException e =
                assertThrows(WasmRuntimeException.class, () -> inst.export("store_oob").apply(131070));
        assertEquals(true, e.getMessage().startsWith("out of bounds memory access"));
        assertEquals(0, mem.dirtyPages().length, "nothing written before the trap");
        assertThrows(WasmRuntimeException.class, () -> inst.export("store_oob").apply(-4));
        assertEquals(0L, inst.export("load").apply(131068)[0]);
    }

    @ParameterizedTest(name = "compiler={0}")
    @ValueSource(booleans = {false, true})
    void growRespectsTheCanisterCap(boolean compiler) {
        PageMapMemory[] holder = new PageMapMemory[1];
        Instance inst = instantiate(compiler, l -> holder[0] = PageMapMemory.fresh(l, 4));
        assertEquals(4, holder[0].maximumPages(), "min(module max 10, cap 4)");
        assertEquals(2L, inst.export("grow").apply(2)[0]);
        assertEquals(-1L, inst.export("grow").apply(1)[0]);
        assertEquals(4, holder[0].pages());
    }

    @ParameterizedTest(name = "compiler={0}")
    @ValueSource(booleans = {false, true})
    void restoreModeKeepsPersistedContentAcrossInstantiation(boolean compiler) {
        PageMapMemory[] holder = new PageMapMemory[1];
        Instance first = instantiate(compiler, l -> holder[0] = PageMapMemory.fresh(l, 10));
        first.export("store").apply(16, 0x21212121); // overwrite the data segment's bytes
        first.export("grow").apply(1);
        first.export("store").apply(150000, 77);
        holder[0].commit();
        GlobalsSnapshot globals = GlobalsSnapshot.capture(first);
        PageMap persisted = PageMap.fromSnapshot(holder[0].pageMap().snapshot());

        PageMapMemory[] again = new PageMapMemory[1];
        Instance second = instantiate(compiler, l -> again[0] = PageMapMemory.restore(persisted, l, 3, 10));
        globals.restoreTo(second);
        assertEquals(0, again[0].dirtyPages().length, "instantiation wrote nothing");
        assertEquals(3, again[0].pages());
        assertEquals(0x21212121L, second.export("load").apply(16)[0], "data segment not re-applied");
        assertEquals(77L, second.export("load").apply(150000)[0]);
        assertEquals(77, second.global(0).getValue());
        second.export("init_passive").apply(400);
        assertEquals("passive-bytes", again[0].readString(400, 13), "passive segments still known");
    }
}
