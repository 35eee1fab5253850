package dev.jic.wasm.memory.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.jic.wasm.memory.PageMapMemory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Load/store speed of {@link PageMapMemory} against Chicory's {@link ByteArrayMemory}: not a test
 * (STYLE.md rule 15), a benchmark command. Run from the repository root after
 * {@code mvn -q -o -pl jic-wasm -am test-compile}:
 *
 * <pre>
 * java -cp "$(cat jic-wasm/target/bench.cp):jic-wasm/target/test-classes:jic-wasm/target/classes:jic-pagemap/target/classes" \
 *     dev.jic.wasm.memory.bench.MemoryBench [bam|pagemap]
 * </pre>
 * (with {@code mvn -q -o -pl jic-wasm dependency:build-classpath -Dmdep.outputFile=target/bench.cp}).
 * Run each implementation in its own JVM: sharing one JVM makes the Memory call sites bimorphic and
 * penalises whichever runs second, which production (one Memory class) never sees. Prints
 * nanoseconds per memory access (best of several passes).
 */
public final class MemoryBench {
    private static final int BYTES = 16 << 20;

    private MemoryBench() {}

    public static void main(String[] args) throws IOException {
        boolean pageMap = args.length > 0 && args[0].equals("pagemap");
        String name = pageMap ? "PageMapMemory  " : "ByteArrayMemory";
        MemoryLimits limits = new MemoryLimits(256, 256);
        // 1. The Memory API directly (what compiled code calls); pages already copied after pass 1.
        double api = apiLoop(pageMap ? PageMapMemory.fresh(limits, 256) : new ByteArrayMemory(limits), false);
        System.out.printf("%s api  load+store            %.2f ns/access%n", name, api);
        if (pageMap) {
            // 2. Committing after every pass: each pass is a new message and copies all 4096 pages.
            double cow = apiLoop(PageMapMemory.fresh(limits, 256), true);
            System.out.printf("%s api  per-message (COW+commit) %.2f ns/access%n", name, cow);
        }
        // 3. A Wasm kernel under Chicory's compiler; one call = one message (then commit).
        WasmModule module;
        try (InputStream in = MemoryBench.class.getResourceAsStream("/dev/jic/wasm/memory/bench.wasm")) {
            module = Parser.parse(in.readAllBytes());
        }
        var factory = MachineFactoryCompiler.compile(module);
        PageMapMemory[] holder = new PageMapMemory[1];
        double w = pageMap
                ? wasm(module, factory, l -> holder[0] = PageMapMemory.fresh(l, 256), holder)
                : wasm(module, factory, l -> new ByteArrayMemory(l), null);
        System.out.printf("%s wasm compiled kernel         %.2f ns/access%n", name, w);
    }

    private static double apiLoop(Memory m, boolean commitEachPass) {
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int rep = 0; rep < 30; rep++) {
            long t0 = System.nanoTime();
            for (int a = 0; a < BYTES; a += 4) {
                m.writeI32(a, m.readInt(a) + a);
            }
            long t = System.nanoTime() - t0;
            if (commitEachPass) {
                ((PageMapMemory) m).commit();
            }
            sink += m.readInt(rep * 4);
            best = Math.min(best, t);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best / (double) (BYTES / 4 * 2);
    }

    private static double wasm(WasmModule module, java.util.function.Function<Instance, com.dylibso.chicory.runtime.Machine> factory,
                               java.util.function.Function<MemoryLimits, Memory> mem, PageMapMemory[] holder) {
        Instance inst = Instance.builder(module).withMemoryFactory(mem).withMachineFactory(factory).build();
        var kernel = inst.export("kernel");
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 15; rep++) {
            long t0 = System.nanoTime();
            kernel.apply(BYTES, 4);
            if (holder != null) {
                holder[0].commit();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / (double) (BYTES / 4 * 4 * 3); // 2 loads + 1 store per element per pass
    }
}
