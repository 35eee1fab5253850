package dev.jic.wasm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.unit.NumInstructions;
import dev.jic.wasm.engine.EngineConfig.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile cache: in-memory LRU hits, disk entries that survive a new engine, corruption handling. */
class EngineCacheTest {
  static final NumInstructions BIG = NumInstructions.of(1_000_000_000L);

  static CompiledModule compile(WasmEngine e, byte[] bytes) {
    return assertInstanceOf(Compilation.Compiled.class, e.compile(bytes)).module();
  }

  /** Outcomes of a fixed sequence of calls, for comparing engines. */
  static List<CallOutcome> run(WasmEngine e, CompiledModule m) {
    WasmInstance inst = assertInstanceOf(Instantiation.Instantiated.class,
        e.instantiate(m, new TestModules.Host(5), MemoryFactory.heap(), BIG)).instance();
    List<CallOutcome> out = new ArrayList<>();
    out.add(inst.call("loop", List.of(1234L), BIG));
    out.add(inst.call("loop", List.of(100_000L), NumInstructions.of(50_000)));
    out.add(inst.call("pc_after", List.of(77L), BIG));
    out.add(inst.call("print", List.of(), BIG));
    CallOutcome.Trapped t = assertInstanceOf(CallOutcome.Trapped.class, inst.call("div", List.of(1L, 0L), BIG));
    out.add(new CallOutcome.Trapped(t.kind(), "", t.instructions()));
    return out;
  }

  @Test
  void memoryCacheReturnsTheSameModule() {
    ChicoryEngine e = new ChicoryEngine(EngineConfig.defaults());
    byte[] bytes = TestModules.wasm("engine-test");
    CompiledModule a = compile(e, bytes);
    CompiledModule b = compile(e, bytes.clone());
    assertSame(a, b);
    assertEquals(new CacheStats(1, 0, 1, 0), e.cacheStats());
    assertEquals(ModuleHash.of(bytes), a.hash());
  }

  @Test
  void memoryCacheIsBoundedLru() {
    ChicoryEngine e = new ChicoryEngine(EngineConfig.defaults().withMemoryCacheEntries(1));
    byte[] x = TestModules.wasm("engine-test");
    byte[] y = TestModules.wasm("engine-start");
    CompiledModule x1 = compile(e, x);
    compile(e, y); // evicts x
    CompiledModule x2 = compile(e, x);
    assertNotSame(x1, x2);
    assertEquals(new CacheStats(0, 0, 3, 0), e.cacheStats());
    assertSame(x2, compile(e, x));
    assertEquals(1, e.cacheStats().memoryHits());
  }

  @Test
  void diskCacheSurvivesANewEngine(@TempDir Path dir) throws IOException {
    byte[] bytes = TestModules.wasm("engine-test");
    ChicoryEngine first = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    CompiledModule m1 = compile(first, bytes);
    assertEquals(new CacheStats(0, 0, 1, 0), first.cacheStats());
    Path moduleDir = dir.resolve(ModuleHash.of(bytes).hex());
    assertEquals(1, jars(moduleDir).size());

    // A restart: a new engine over the same directory loads the classes, no compilation.
    ChicoryEngine second = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    CompiledModule m2 = compile(second, bytes);
    assertEquals(new CacheStats(0, 1, 0, 0), second.cacheStats());
    assertEquals(run(first, m1), run(second, m2));
    // ... and agrees with the interpreter.
    ChicoryEngine interp = new ChicoryEngine(EngineConfig.defaults().withBackend(Backend.INTERPRETER));
    assertEquals(run(first, m1), run(interp, compile(interp, bytes)));
    assertEquals(1, jars(moduleDir).size());
  }

  @Test
  void corruptDiskEntryIsRecompiled(@TempDir Path dir) throws IOException {
    byte[] bytes = TestModules.wasm("engine-test");
    ChicoryEngine first = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    List<CallOutcome> expected = run(first, compile(first, bytes));
    Path jar = jars(dir.resolve(ModuleHash.of(bytes).hex())).get(0);
    byte[] content = Files.readAllBytes(jar);
    content[content.length / 2] ^= 0x55;
    Files.write(jar, content);

    ChicoryEngine second = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    CompiledModule m = compile(second, bytes);
    assertEquals(new CacheStats(0, 0, 1, 0), second.cacheStats());
    assertEquals(expected, run(second, m));
    // The entry was rewritten: a third engine hits it.
    ChicoryEngine third = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    compile(third, bytes);
    assertEquals(new CacheStats(0, 1, 0, 0), third.cacheStats());
  }

  @Test
  void garbageJarWithMatchingChecksumFallsBackToCompiling(@TempDir Path dir) throws IOException {
    byte[] bytes = TestModules.wasm("engine-test");
    ChicoryEngine first = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    compile(first, bytes);
    Path moduleDir = dir.resolve(ModuleHash.of(bytes).hex());
    Path jar = jars(moduleDir).get(0);
    byte[] garbage = "not a jar".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Files.write(jar, garbage);
    Path sum = Path.of(jar.toString().replaceAll("\\.jar$", ".sha256"));
    Files.writeString(sum, java.util.HexFormat.of().formatHex(dev.jic.types.hash.Sha.sha256(garbage)));

    ChicoryEngine second = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    CompiledModule m = compile(second, bytes);
    assertEquals(1, second.cacheStats().compilations());
    assertEquals(run(first, compile(first, bytes)), run(second, m));
  }

  @Test
  void rejectedModulesAreNotCached(@TempDir Path dir) throws IOException {
    ChicoryEngine e = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    byte[] bad = {1, 2, 3};
    assertInstanceOf(Compilation.Rejected.class, e.compile(bad));
    assertInstanceOf(Compilation.Rejected.class, e.compile(bad));
    assertEquals(new CacheStats(0, 0, 0, 2), e.cacheStats());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void distinctModulesGetDistinctEntries(@TempDir Path dir) throws IOException {
    ChicoryEngine e = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    compile(e, TestModules.wasm("engine-test"));
    compile(e, TestModules.wasm("engine-start"));
    compile(e, TestModules.wasm("engine-mem64"));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(3, s.count());
    }
    ChicoryEngine restarted = new ChicoryEngine(EngineConfig.defaults().withCacheDir(dir));
    compile(restarted, TestModules.wasm("engine-mem64"));
    compile(restarted, TestModules.wasm("engine-start"));
    assertEquals(new CacheStats(0, 2, 0, 0), restarted.cacheStats());
    assertTrue(compile(restarted, TestModules.wasm("engine-mem64")).wasm64());
  }

  static List<Path> jars(Path moduleDir) throws IOException {
    try (Stream<Path> s = Files.list(moduleDir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }
}
