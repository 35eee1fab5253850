package dev.jic.types.candid;

import java.util.List;

/**
 * An argument list as found on the wire: the types from the message's type table (composite
 * types appear as {@link IdlType.Rec} knots named {@code table<i>}, transparent through
 * {@link IdlType#resolve}) and the values at those types. Field labels carry ids only.
 */
public record DecodedArgs(List<IdlType> types, List<IdlValue> values) {
  public DecodedArgs {
    types = List.copyOf(types);
    values = List.copyOf(values);
    if (types.size() != values.size()) {
      throw new IllegalArgumentException("types and values differ in length");
    }
  }
}
