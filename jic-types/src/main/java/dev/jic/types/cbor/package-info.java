/**
 * Strict CBOR for the HTTPS interface: {@link dev.jic.types.cbor.Cbor} decodes untrusted bytes
 * into one item or a {@link dev.jic.types.encoding.DecodeException} (optional self-describe tag
 * 55799, no trailing bytes, no duplicate keys, no stray tags, bounded depth; indefinite lengths
 * accepted as the IC does), and {@link dev.jic.types.cbor.CborMap} /
 * {@link dev.jic.types.cbor.CborValues} read typed fields with errors that name the field.
 *
 * <p>Safety: no input makes a decoder throw anything but {@code DecodeException}; decoding is
 * deterministic and keeps every byte string and integer exactly.
 */
package dev.jic.types.cbor;
