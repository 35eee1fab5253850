package dev.jic.execution.drun;

import dev.jic.execution.QueryResult;
import dev.jic.execution.routing.InProcessSubnet;
import dev.jic.replicated.CanisterLogRecord;
import dev.jic.replicated.CanisterState;
import dev.jic.replicated.IngressStatus;
import dev.jic.replicated.Payload;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.id.CanisterId;
import dev.jic.types.id.PrincipalId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Runs a drun script (dfinity/ic {@code rs/drun} format: {@code create}, {@code install|reinstall|upgrade
 * <canister> <wasm file> <arg>}, {@code ingress|query <canister> <method> <arg>}; args {@code 0x<hex>}
 * or a double-quoted string with {@code \xNN}, {@code \bNNNNNNNN}, {@code \"}, {@code \\} escapes;
 * {@code #} comments and empty lines skipped) on an {@link InProcessSubnet}, printing drun's lines:
 * {@code ingress Completed: Reply: 0x..}, {@code ingress Completed: Reject: ..},
 * {@code ingress Err: IC0xxx: ..}, {@code Ok: Reply: 0x..}, {@code Err: ..}, and
 * {@code debug.print: ..} for each new canister log record. Ingress from the anonymous principal.
 */
public final class Drun {
  private final InProcessSubnet subnet;
  private final PrintStream out;
  private final Path base;
  private final TreeMap<CanisterId, Long> printedLog = new TreeMap<>();

  public Drun(InProcessSubnet subnet, PrintStream out, Path base) {
    this.subnet = subnet;
    this.out = out;
    this.base = base;
  }

  /** A script error (bad line, unreadable file): drun's exit status is non-zero. */
  public static final class ScriptException extends Exception {
    public ScriptException(String m) {
      super(m);
    }
  }

  /** Runs every line of {@code script}; throws on the first script error. */
  public void run(String script) throws ScriptException {
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        line(line);
      } catch (ScriptException e) {
        throw new ScriptException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
  }

  private void line(String s) throws ScriptException {
    String[] t = s.split("\\s", 4);
    PrincipalId anon = PrincipalId.ANONYMOUS;
    switch (t[0]) {
      case "create" -> {
        if (t.length != 1) {
          throw new ScriptException("Failed to parse line " + s);
        }
        byte[] arg = Candid.encode(List.of(type("record { amount : opt nat }")), List.of(new IdlValue.Record(
            List.of(new IdlValue.FieldValue(IdlValue.Label.named("amount"), IdlValue.Opt.none())))));
        ingress(anon, CanisterId.MANAGEMENT, "provisional_create_canister_with_cycles", arg);
      }
      case "install", "reinstall", "upgrade" -> {
        need(t, 4, s);
        CanisterId id = canister(t[1]);
        byte[] wasm;
        try {
          wasm = Files.readAllBytes(base.resolve(t[2]));
        } catch (IOException e) {
          throw new ScriptException("Could not open wasm file: " + t[2] + " - Error: " + e.getMessage());
        }
        ingress(anon, CanisterId.MANAGEMENT, "install_code", installArg(t[0], id, wasm, octets(t[3])));
      }
      case "ingress" -> {
        need(t, 4, s);
        ingress(anon, canister(t[1]), method(t[2]), octets(t[3]));
      }
      case "query" -> {
        need(t, 4, s);
        QueryResult q = subnet.query(anon, canister(t[1]), method(t[2]), octets(t[3]));
        if (q.error() != null) {
          out.println("Err: " + q.error());
        } else {
          out.println("Ok: " + wasmResult(q.payload()));
        }
      }
      default -> throw new ScriptException("Failed to parse line " + s + ", don't have a pattern to match this with");
    }
  }

  private void ingress(PrincipalId user, CanisterId c, String method, byte[] arg) {
    IngressStatus st = subnet.call(user, c, method, arg);
    printLogs();
    out.print("ingress ");
    switch (st) {
      case IngressStatus.Replied r -> out.println("Completed: Reply: 0x" + HexFormat.of().formatHex(r.reply()));
      case IngressStatus.Rejected r when r.errorCode().isEmpty() -> out.println("Completed: Reject: " + r.message());
      case IngressStatus.Rejected r -> out.println("Err: " + r.errorCode() + ": " + r.message());
      case null, default -> out.println("Err: message did not complete: " + st);
    }
  }

  private void printLogs() {
    for (CanisterState c : subnet.state().canisters().values()) {
      long seen = printedLog.getOrDefault(c.id(), -1L);
      for (CanisterLogRecord r : c.system().logRecords()) {
        if (r.idx() > seen) {
          out.println("debug.print: " + new String(r.content(), java.nio.charset.StandardCharsets.UTF_8));
          seen = r.idx();
        }
      }
      printedLog.put(c.id(), seen);
    }
  }

  private static String wasmResult(Payload p) {
    return switch (p) {
      case Payload.Data d -> "Reply: 0x" + HexFormat.of().formatHex(d.bytes());
      case Payload.Reject r -> "Reject: " + r.message();
    };
  }

  private static void need(String[] t, int n, String s) throws ScriptException {
    if (t.length != n) {
      throw new ScriptException("Failed to parse line " + s + ", don't have a pattern to match this with");
    }
  }

  private static CanisterId canister(String text) throws ScriptException {
    try {
      return CanisterId.of(PrincipalId.fromText(text).toBytes());
    } catch (RuntimeException e) {
      throw new ScriptException("Failed to convert " + text + " to principal id with " + e.getMessage());
    }
  }

  private static String method(String m) throws ScriptException {
    if (!m.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ScriptException("Illegal method name: " + m + ".");
    }
    return m;
  }

  /** Parses {@code 0x..} hex or a quoted string with drun's escapes. */
  static byte[] octets(String s) throws ScriptException {
    if (!s.startsWith("\"")) {
      if (!s.startsWith("0x")) {
        throw new ScriptException("Illegal hex character sequence " + s + ".");
      }
      try {
        return HexFormat.of().parseHex(s.substring(2));
      } catch (IllegalArgumentException e) {
        throw new ScriptException(e.getMessage());
      }
    }
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    int i = 1;
    while (true) {
      if (i >= s.length()) {
        throw new ScriptException("Double-quoted string must be enclosed in double quotes.");
      }
      char c = s.charAt(i++);
      if (c > 127) {
        throw new ScriptException("Only ASCII strings are allowed.");
      }
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        b.write(c);
        continue;
      }
      char e = i < s.length() ? s.charAt(i++) : ' ';
      int len = e == 'x' ? 2 : e == 'b' ? 8 : 0;
      if (len == 0) {
        if (e != '"' && e != '\\') {
          throw new ScriptException("Illegal escape sequence " + e);
        }
        b.write(e);
        continue;
      }
      if (i + len > s.length()) {
        throw new ScriptException("Escape sequence too short");
      }
      try {
        b.write(Integer.parseInt(s.substring(i, i + len), e == 'x' ? 16 : 2));
      } catch (NumberFormatException x) {
        throw new ScriptException(x.getMessage());
      }
      i += len;
    }
    if (i != s.length()) {
      throw new ScriptException("Trailing characters after string terminator.");
    }
    return b.toByteArray();
  }

  private static IdlType type(String t) {
    try {
      return Candid.parseType(t);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] installArg(String mode, CanisterId id, byte[] wasm, byte[] arg) {
    IdlType t = type("record { mode : variant { install; reinstall; upgrade : opt record { "
        + "wasm_memory_persistence : opt variant { keep; replace } } }; canister_id : principal; wasm_module : blob; "
        + "arg : blob }");
    IdlValue m = mode.equals("upgrade") ? new IdlValue.Variant(IdlValue.Label.named("upgrade"), IdlValue.Opt.none())
        : new IdlValue.Variant(IdlValue.Label.named(mode), IdlValue.NULL);
    return Candid.encode(List.of(t), List.of(new IdlValue.Record(List.of(
        new IdlValue.FieldValue(IdlValue.Label.named("mode"), m),
        new IdlValue.FieldValue(IdlValue.Label.named("canister_id"), new IdlValue.Principal(id.principal())),
        new IdlValue.FieldValue(IdlValue.Label.named("wasm_module"), new IdlValue.Blob(wasm)),
        new IdlValue.FieldValue(IdlValue.Label.named("arg"), new IdlValue.Blob(arg))))));
  }
}
