package dev.jic.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.wasm.spec.SpecFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WasmCodecTest {
  private static final List<Map.Entry<String, byte[]>> SPEC_MODULES = SpecFiles.validModules();

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void everySpecModuleRoundTripsThroughTheEncoder() throws Exception {
    int n = 0;
    for (Map.Entry<String, byte[]> e : SPEC_MODULES) {
      WasmModule m = WasmDecoder.decode(e.getValue());
      byte[] encoded = WasmEncoder.encode(m);
      WasmModule again = WasmDecoder.decode(encoded);
      assertEquals(m, again, e.getKey());
      assertArrayEquals(encoded, WasmEncoder.encode(again), e.getKey() + ": encoding is deterministic");
      n++;
    }
    assertTrue(n > 1500, "expected the whole suite, got " + n);
  }

  @Test
  void smallestModuleAndCustomSectionPlacement() throws Exception {
    // magic, version, custom "a" {01}, type section [() -> ()], custom "b" {}
    byte[] b = hex("0061736d 01000000 0003 0161 01 0104 01 60 0000 0002 0162");
    WasmModule m = WasmDecoder.decode(b);
    assertEquals(1, m.types().size());
    assertEquals(List.of(new Parts.CustomSection("a", new byte[] {1}, 0), new Parts.CustomSection("b", new byte[0], 1)),
        m.customSections());
    assertArrayEquals(b, WasmEncoder.encode(m), "canonical input is re-encoded byte for byte");
  }

  @Test
  void lebRulesOfTheSpec() {
    // i32.const with a 5-byte SLEB whose unused bits are not sign bits: "integer too large".
    byte[] tooLarge = hex("0061736d01000000 010401600000 03020100 0a0b01 09 00 41 ffffffff4f 1a 0b");
    assertThrows(WasmMalformedException.class, () -> WasmDecoder.decode(tooLarge));
    // The same value -1 written with valid sign bits decodes.
    byte[] ok = hex("0061736d01000000 010401600000 03020100 0a0b01 09 00 41 ffffffff7f 1a 0b");
    assertDoesNotThrow(ok);
    // A u32 of 6 bytes: "integer representation too long" (function count in the function section).
    byte[] tooLong = hex("0061736d01000000 0307 8080808080 00");
    assertThrows(WasmMalformedException.class, () -> WasmDecoder.decode(tooLong));
  }

  private static void assertDoesNotThrow(byte[] b) {
    try {
      WasmDecoder.decode(b);
    } catch (WasmMalformedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void gzipModulesAreAcceptedWithinTheLimit() throws Exception {
    byte[] raw = SPEC_MODULES.get(10).getValue();
    byte[] gz = gzip(raw);
    assertEquals(WasmDecoder.decode(raw), WasmBinary.decode(gz));
    assertThrows(WasmMalformedException.class, () -> WasmBinary.unwrap(gz, raw.length - 1));
    byte[] corrupt = gz.clone();
    corrupt[corrupt.length / 2] ^= 0x55;
    corrupt[corrupt.length - 5] ^= 0x55; // also break the CRC/size trailer
    assertThrows(WasmMalformedException.class, () -> WasmBinary.decode(corrupt));
    // A bomb: 200 MiB of zeros inflates past the default 100 MiB limit.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        z.write(zeros);
      }
    }
    WasmMalformedException e = assertThrows(WasmMalformedException.class, () -> WasmBinary.decode(bomb.toByteArray()));
    assertTrue(e.getMessage().contains("inflates beyond"), e.getMessage());
  }

  @Test
  void opcodeTableMatchesTheSpecNumbering() {
    // Spec §5.4 (binary instructions): 0xC4 is i64.extend32_s, 0x6A i32.add, 0xBF f64.reinterpret_i64.
    assertEquals("i64.extend32_s", Opcodes.name(0xC4));
    assertEquals("i32.add", Opcodes.name(0x6A));
    assertEquals("f64.reinterpret_i64", Opcodes.name(0xBF));
    assertEquals("table.fill", Opcodes.name(Opcodes.TABLE_FILL));
    assertEquals(null, Opcodes.kind(0xC5));
    assertEquals(null, Opcodes.kind(0x12), "return_call (tail calls) is not enabled on the IC");
    assertEquals(null, Opcodes.kind(0xFD0100), "relaxed SIMD is not enabled on the IC");
    assertEquals(null, Opcodes.kind(0xFE0000), "threads/atomics are not enabled on the IC");
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(raw);
    }
    return out.toByteArray();
  }

  @Property(tries = 500)
  void generatedModulesRoundTrip(@ForAll long seed) throws Exception {
    WasmModule m = new ModuleGenerator(seed).module();
    assertEquals(m, WasmDecoder.decode(WasmEncoder.encode(m)));
  }

  @Property(tries = 1000)
  void mutatedSpecModulesFailOnlyWithTheDeclaredException(
      @ForAll @IntRange(min = 0, max = 100_000) int which, @ForAll long seed) throws Exception {
    byte[] b = SPEC_MODULES.get(which % SPEC_MODULES.size()).getValue().clone();
    java.util.Random r = new java.util.Random(seed);
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits && b.length > 8; i++) {
      switch (r.nextInt(3)) {
        case 0 -> b[8 + r.nextInt(b.length - 8)] = (byte) r.nextInt(256);
        case 1 -> b = java.util.Arrays.copyOf(b, 8 + r.nextInt(b.length - 8));
        default -> b[8 + r.nextInt(b.length - 8)] ^= (byte) (1 << r.nextInt(8));
      }
    }
    WasmModule m;
    try {
      m = WasmDecoder.decode(b);
    } catch (WasmMalformedException expected) {
      return;
    }
    assertEquals(m, WasmDecoder.decode(WasmEncoder.encode(m)));
  }
}
