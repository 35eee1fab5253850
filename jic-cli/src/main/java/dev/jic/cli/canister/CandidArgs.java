package dev.jic.cli.canister;

import dev.jic.cli.client.AgentException;
import dev.jic.cli.client.DidService;
import dev.jic.cli.client.IcAgent;
import dev.jic.types.candid.Candid;
import dev.jic.types.candid.CandidSyntaxException;
import dev.jic.types.candid.DecodedArgs;
import dev.jic.types.candid.IdlType;
import dev.jic.types.candid.IdlValue;
import dev.jic.types.encoding.DecodeException;
import dev.jic.types.id.CanisterId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Candid text arguments in, pretty results out. When the canister publishes its interface
 * ({@code candid:service} metadata), arguments are typed at the method's parameter types and
 * results decoded at its result types (so field names print); otherwise arguments take the types
 * their text shows and results print with their wire types.
 */
final class CandidArgs {
  private CandidArgs() {}

  /** The canister's interface, if it publishes a {@code candid:service} that jic can read. */
  static Optional<DidService> service(IcAgent agent, CanisterId canister) {
    try {
      Optional<byte[]> did = agent.metadata(canister, "candid:service");
      if (did.isPresent()) {
        return Optional.of(DidService.parse(new String(did.get(), StandardCharsets.UTF_8)));
      }
    } catch (AgentException | CandidSyntaxException e) {
      // no usable interface: untyped arguments and results
    }
    return Optional.empty();
  }

  /** The Candid bytes of {@code text} (e.g. {@code (42, "hi")}), typed by {@code method} when known. */
  static byte[] encode(String text, Optional<IdlType.Func> method) throws AgentException {
    try {
      if (method.isPresent()) {
        List<IdlType> types = method.get().args();
        return Candid.encode(types, Candid.parseArgs(text, types));
      }
      return Candid.encodeInferred(Candid.parseArgs(text, null));
    } catch (CandidSyntaxException e) {
      throw new AgentException("invalid Candid argument " + text + ": " + e.getMessage(),
          method.map(f -> "the method expects " + Candid.renderTypes(f.args())).orElse("e.g. --arg '(42, \"text\", record { a = 1 })'"));
    } catch (IllegalArgumentException e) {
      throw new AgentException("cannot encode the argument " + text + ": " + e.getMessage(),
          method.map(f -> "the method expects " + Candid.renderTypes(f.args())).orElse(""));
    }
  }

  /** A raw argument given as hex ({@code --raw-arg}). */
  static byte[] hex(String text) throws AgentException {
    try {
      return HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
    } catch (IllegalArgumentException e) {
      throw new AgentException("--raw-arg is not hex: " + e.getMessage(), "e.g. --raw-arg 4449444c0000");
    }
  }

  /** The reply rendered as Candid text, at the method's result types when known. */
  static String render(byte[] reply, Optional<IdlType.Func> method) {
    if (method.isPresent()) {
      try {
        return Candid.render(Candid.decode(reply, method.get().rets()));
      } catch (DecodeException | RuntimeException e) {
        // fall through to the wire types
      }
    }
    try {
      DecodedArgs d = Candid.decodeUntyped(reply);
      return Candid.render(d.values());
    } catch (DecodeException e) {
      return "(not Candid) 0x" + HexFormat.of().formatHex(reply);
    }
  }

  /** Renders one value. */
  static String render(IdlValue v) {
    return Candid.render(v);
  }
}
