package dev.jic.types.candid;

import dev.jic.types.encoding.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Candid codec: binary encoding and decoding of argument lists (Candid spec, "Binary
 * Format", "Deserialisation", "Decoding") and the text format as {@code didc} prints and reads it.
 *
 * <p>Encoding writes {@code DIDL}, a minimal type table and the values; it is byte-identical to
 * agent-js for the same types (its table order is children-first, like agent-js). Decoding first
 * parses the message at its wire types, strictly ({@link CandidDecoder} lists the checks), then
 * applies the subtyping/coercion rules to the expected types ({@link Coercion} lists them). Any
 * malformed input or value that does not decode at the expected type is a
 * {@link DecodeException}; no other exception escapes on untrusted bytes.
 */
public final class Candid {
  private Candid() {}

  /** Maximum value nesting the encoder accepts (the decoder default is {@link DecodeLimits#DEFAULT}). */
  public static final int MAX_DEPTH = 1000;

  /**
   * Encodes {@code values} at {@code types}. Throws {@link IllegalArgumentException} (a caller
   * bug) if the lists differ in length, a value does not match its type exactly (except that
   * {@code nat} is accepted at {@code int}, any value at {@code reserved}, and a {@code Blob} or a
   * {@code Vec} of {@code Nat8} at {@code vec nat8}), a text holds a lone surrogate, or a
   * service method's type is not a function; {@link IllegalStateException} if a {@link
   * IdlType.Rec} is used undefined.
   */
  public static byte[] encode(List<IdlType> types, List<IdlValue> values) {
    return CandidEncoder.encode(types, values);
  }

  /** Encodes values at the types {@link #inferType} gives them. */
  public static byte[] encodeInferred(List<IdlValue> values) {
    List<IdlType> types = new ArrayList<>();
    for (IdlValue v : values) {
      types.add(inferType(v));
    }
    return encode(types, values);
  }

  /** Decodes {@code bytes} at the {@code expected} argument types with {@link DecodeLimits#DEFAULT}. */
  public static List<IdlValue> decode(byte[] bytes, List<IdlType> expected) throws DecodeException {
    return decode(bytes, expected, DecodeLimits.DEFAULT);
  }

  /**
   * Decodes {@code bytes} at the {@code expected} types: extra trailing arguments are ignored;
   * missing ones must be of {@code opt}/{@code null}/{@code reserved} type and become null.
   * Record fields and variant tags in the result carry the names of the expected types.
   */
  public static List<IdlValue> decode(byte[] bytes, List<IdlType> expected, DecodeLimits limits) throws DecodeException {
    DecodedArgs wire = CandidDecoder.decode(bytes, limits);
    try {
      return Coercion.args(wire.values(), expected);
    } catch (StackOverflowError e) {
      throw new DecodeException("Candid value nested too deeply for the thread stack");
    }
  }

  /** Decodes {@code bytes} at their own wire types (for display), with {@link DecodeLimits#DEFAULT}. */
  public static DecodedArgs decodeUntyped(byte[] bytes) throws DecodeException {
    return CandidDecoder.decode(bytes, DecodeLimits.DEFAULT);
  }

  /** As {@link #decodeUntyped(byte[])} with explicit limits. */
  public static DecodedArgs decodeUntyped(byte[] bytes, DecodeLimits limits) throws DecodeException {
    return CandidDecoder.decode(bytes, limits);
  }

  /** Renders an argument list as didc does, e.g. {@code (42 : nat, "hi")} (see {@link CandidText}). */
  public static String render(List<IdlValue> values) {
    return CandidText.renderArgs(values);
  }

  /** Renders one value in Candid text syntax. */
  public static String render(IdlValue value) {
    return CandidText.renderValue(value);
  }

  /** Renders a type in Candid text syntax; a recursive occurrence prints as the knot's name. */
  public static String renderType(IdlType type) {
    return CandidText.renderType(type);
  }

  /** Renders an argument type list, e.g. {@code (nat, opt text)}. */
  public static String renderTypes(List<IdlType> types) {
    return CandidText.renderTypes(types);
  }

  /**
   * Parses a text argument list such as {@code (42, "hi", variant { ok })} (or a single value
   * without parentheses). With {@code expected} (may be {@code null}) the values are typed at
   * those types and missing trailing {@code opt} arguments become null; see {@link CandidSyntax}.
   */
  public static List<IdlValue> parseArgs(String text, List<IdlType> expected) throws CandidSyntaxException {
    return CandidTextParser.parseArgs(text, expected);
  }

  /** Parses one text value, typed at {@code expected} (may be {@code null}). */
  public static IdlValue parseValue(String text, IdlType expected) throws CandidSyntaxException {
    return CandidTextParser.parseValue(text, expected);
  }

  /** Parses a type in Candid text syntax, e.g. {@code record { a : nat; b : opt vec text }}. */
  public static IdlType parseType(String text) throws CandidSyntaxException {
    return CandidTextParser.parseType(text);
  }

  /** Parses a parenthesised type list, e.g. {@code (nat, text)}. */
  public static List<IdlType> parseTypes(String text) throws CandidSyntaxException {
    return CandidTextParser.parseTypes(text);
  }

  /**
   * The most specific type of a value as its structure shows it: an empty {@code vec} is
   * {@code vec empty}, an empty option {@code opt empty}, a variant lists only its own case, a
   * vector takes the type of its first element (its other elements must match it at encoding).
   */
  public static IdlType inferType(IdlValue v) {
    return switch (v) {
      case IdlValue.Null n -> IdlType.NULL;
      case IdlValue.Reserved r -> IdlType.RESERVED;
      case IdlValue.Bool b -> IdlType.BOOL;
      case IdlValue.Nat n -> IdlType.NAT;
      case IdlValue.Int n -> IdlType.INT;
      case IdlValue.Nat8 n -> IdlType.NAT8;
      case IdlValue.Nat16 n -> IdlType.NAT16;
      case IdlValue.Nat32 n -> IdlType.NAT32;
      case IdlValue.Nat64 n -> IdlType.NAT64;
      case IdlValue.Int8 n -> IdlType.INT8;
      case IdlValue.Int16 n -> IdlType.INT16;
      case IdlValue.Int32 n -> IdlType.INT32;
      case IdlValue.Int64 n -> IdlType.INT64;
      case IdlValue.Float32 f -> IdlType.FLOAT32;
      case IdlValue.Float64 f -> IdlType.FLOAT64;
      case IdlValue.Text t -> IdlType.TEXT;
      case IdlValue.Principal p -> IdlType.PRINCIPAL;
      case IdlValue.Service s -> new IdlType.Service(List.of());
      case IdlValue.Func f -> new IdlType.Func(List.of(), List.of(), java.util.Set.of());
      case IdlValue.Blob b -> IdlType.BLOB;
      case IdlValue.Opt o -> new IdlType.Opt(o.value().map(Candid::inferType).orElse(IdlType.EMPTY));
      case IdlValue.Vec vec -> new IdlType.Vec(vec.values().isEmpty() ? IdlType.EMPTY : inferType(vec.values().get(0)));
      case IdlValue.Record r -> {
        List<IdlType.Field> fs = new ArrayList<>();
        for (IdlValue.FieldValue f : r.fields()) {
          fs.add(new IdlType.Field(f.label().id(), f.label().name(), inferType(f.value())));
        }
        yield new IdlType.Record(fs);
      }
      case IdlValue.Variant vv -> IdlType.variant(new IdlType.Field(vv.label().id(), vv.label().name(), inferType(vv.value())));
    };
  }
}
