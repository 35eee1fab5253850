package dev.jic.types.messages;

/** The three request types, with their {@code request_type} text. */
public enum RequestKind {
  CALL("call"),
  QUERY("query"),
  READ_STATE("read_state");

  private final String wireName;

  RequestKind(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code request_type} value on the wire. */
  public String wireName() {
    return wireName;
  }

  /** The kind of a parsed content. */
  public static RequestKind of(RequestContent c) {
    return switch (c) {
      case CallContent x -> CALL;
      case QueryContent x -> QUERY;
      case ReadStateContent x -> READ_STATE;
    };
  }
}
