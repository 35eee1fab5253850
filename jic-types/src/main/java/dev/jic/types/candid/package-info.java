/**
 * Candid, the Internet Computer's interface description language: type model ({@link
 * dev.jic.types.candid.IdlType}), value model ({@link dev.jic.types.candid.IdlValue}), binary
 * codec with subtyping-aware decoding, and the text format (rendering as didc does, parsing for
 * command-line arguments). Entry point: {@link dev.jic.types.candid.Candid}.
 *
 * <p>Safety: decoding untrusted bytes either yields values that conform to the expected types
 * or throws {@link dev.jic.types.encoding.DecodeException}; work, memory and nesting are bounded
 * by {@link dev.jic.types.candid.DecodeLimits}. Encoding is deterministic: the same types and
 * values always give the same bytes.
 */
package dev.jic.types.candid;
