package dev.jic.wasm.instrument;

import dev.jic.wasm.binary.BlockType;
import dev.jic.wasm.binary.Imm;
import dev.jic.wasm.binary.Instruction;
import dev.jic.wasm.binary.Opcodes;
import dev.jic.wasm.binary.Parts.FunctionBody;
import dev.jic.wasm.binary.Parts.Locals;
import dev.jic.wasm.binary.Types.FuncType;
import dev.jic.wasm.binary.ValType;
import dev.jic.wasm.binary.WasmModule;
import dev.jic.wasm.typecheck.WasmInvalidException;
import dev.jic.wasm.typecheck.WasmTypeChecker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Empties the operand stack at loop headers, so the JVM can compile a hot loop on the stack
 * (on-stack replacement). Chicory keeps Wasm operand values on the JVM operand stack, and HotSpot
 * refuses OSR at a loop header where that stack is not empty ("stack not empty at OSR entry
 * point"), so a long loop in a function called only a few times (a canister method) would stay in
 * the bytecode interpreter.
 *
 * <p>Rewrite: before every {@code block}, {@code loop} or {@code if} that is or contains a
 * {@code loop}, the values of the enclosing frame below the instruction's own operands are moved
 * into fresh locals (the operands are set aside and pushed back); after the matching {@code end}
 * the results are set aside, the saved values pushed back, then the results. By induction every
 * loop header then has only its own parameters on the stack (loops with parameters are rare and
 * stay as they are). Values are moved bit for bit (locals keep NaN payloads), so results,
 * traps and memory are unchanged; the pass runs after metering, so its instructions are never
 * charged. Locals are reused across sibling sites (one pool per nesting level and type).
 */
public final class LoopStackSpill {
  private LoopStackSpill() {}

  /**
   * Rewrites {@code m} (which must be valid).
   *
   * @throws IllegalArgumentException if {@code m} is not valid (a bug in an earlier pass)
   */
  public static WasmModule apply(WasmModule m) {
    List<Map<Integer, List<ValType>>> stacks;
    try {
      stacks = WasmTypeChecker.blockEntryStacks(m);
    } catch (WasmInvalidException e) {
      throw new IllegalArgumentException("LoopStackSpill needs a valid module: " + e.getMessage(), e);
    }
    List<FunctionBody> code = new ArrayList<>(m.code().size());
    boolean changed = false;
    int imported = m.importedFunctionCount();
    for (int i = 0; i < m.code().size(); i++) {
      FunctionBody b = m.code().get(i);
      FunctionBody r = stacks.get(i).isEmpty() ? b
          : body(m, b, m.functionType(imported + i).params().size(), stacks.get(i));
      changed |= r != b;
      code.add(r);
    }
    if (!changed) {
      return m;
    }
    return new WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.exports(),
        m.start(), m.elements(), m.dataCount(), code, m.data(), m.customSections());
  }

  /** Fresh locals: a pool per (nesting level, type) for saved values, and one transient pool per type. */
  private static final class Allocator {
    final int base;
    final List<ValType> added = new ArrayList<>();
    final Map<String, Integer> byKey = new HashMap<>();

    Allocator(int base) {
      this.base = base;
    }

    int local(String pool, ValType t, int j) {
      return byKey.computeIfAbsent(pool + ":" + t + ":" + j, k -> {
        added.add(t);
        return base + added.size() - 1;
      });
    }
  }

  private record Site(List<Integer> saved, List<ValType> savedTypes, List<ValType> results) {}

  private static FunctionBody body(WasmModule m, FunctionBody b, int params, Map<Integer, List<ValType>> stacks) {
    List<Instruction> in = b.code();
    boolean[] hasLoop = containsLoop(in);
    long declared = b.locals().stream().mapToLong(Locals::count).sum();
    Allocator alloc = new Allocator((int) (params + declared));
    List<Instruction> out = new ArrayList<>(in.size() + 16);
    Deque<Site> open = new ArrayDeque<>(); // one entry per open block/loop/if; a Site or NONE
    int level = 0;
    boolean any = false;
    for (int i = 0; i < in.size(); i++) {
      Instruction ins = in.get(i);
      int op = ins.opcode();
      if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) {
        FuncType bt = blockType(m, ((Imm.Block) ins.imm()).type());
        List<ValType> stack = stacks.get(i);
        int inputs = bt.params().size() + (op == Opcodes.IF ? 1 : 0);
        if (hasLoop[i] && stack != null && stack.size() > inputs) {
          List<ValType> below = stack.subList(0, stack.size() - inputs);
          List<ValType> top = stack.subList(stack.size() - inputs, stack.size());
          List<Integer> saved = new ArrayList<>();
          for (int k = 0; k < below.size(); k++) {
            saved.add(alloc.local("L" + level, below.get(k), k));
          }
          List<Integer> tmp = new ArrayList<>();
          for (int k = 0; k < top.size(); k++) {
            tmp.add(alloc.local("T", top.get(k), k));
          }
          for (int k = tmp.size() - 1; k >= 0; k--) {
            out.add(new Instruction(Opcodes.LOCAL_SET, new Imm.Index(tmp.get(k))));
          }
          for (int k = saved.size() - 1; k >= 0; k--) {
            out.add(new Instruction(Opcodes.LOCAL_SET, new Imm.Index(saved.get(k))));
          }
          for (int t : tmp) {
            out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(t)));
          }
          out.add(ins);
          open.push(new Site(saved, List.copyOf(below), bt.results()));
          level++;
          any = true;
        } else {
          out.add(ins);
          open.push(NONE);
        }
        continue;
      }
      out.add(ins);
      if (op == Opcodes.END && !open.isEmpty()) {
        Site s = open.pop();
        if (s != NONE) {
          level--;
          List<Integer> tmp = new ArrayList<>();
          for (int k = 0; k < s.results().size(); k++) {
            tmp.add(alloc.local("T", s.results().get(k), k));
          }
          for (int k = tmp.size() - 1; k >= 0; k--) {
            out.add(new Instruction(Opcodes.LOCAL_SET, new Imm.Index(tmp.get(k))));
          }
          for (int x : s.saved()) {
            out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(x)));
          }
          for (int t : tmp) {
            out.add(new Instruction(Opcodes.LOCAL_GET, new Imm.Index(t)));
          }
        }
      }
    }
    if (!any) {
      return b;
    }
    List<Locals> locals = new ArrayList<>(b.locals());
    for (ValType t : alloc.added) {
      locals.add(new Locals(1, t));
    }
    return new FunctionBody(locals, out);
  }

  private static final Site NONE = new Site(List.of(), List.of(), List.of());

  /** For each block/loop/if index: whether it is a loop or contains one. */
  private static boolean[] containsLoop(List<Instruction> in) {
    boolean[] has = new boolean[in.size()];
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < in.size(); i++) {
      int op = in.get(i).opcode();
      if (op == Opcodes.BLOCK || op == Opcodes.LOOP || op == Opcodes.IF) {
        open.push(i);
        if (op == Opcodes.LOOP) {
          for (int j : open) {
            if (has[j]) {
              break; // enclosing ones are marked already
            }
            has[j] = true;
          }
        }
      } else if (op == Opcodes.END && !open.isEmpty()) {
        open.pop();
      }
    }
    return has;
  }

  private static FuncType blockType(WasmModule m, BlockType bt) {
    return switch (bt) {
      case BlockType.Empty e -> new FuncType(List.of(), List.of());
      case BlockType.Value v -> new FuncType(List.of(), List.of(v.type()));
      case BlockType.TypeIndex ti -> m.types().get(ti.index());
    };
  }
}
