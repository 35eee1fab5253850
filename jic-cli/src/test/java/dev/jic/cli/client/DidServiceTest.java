package dev.jic.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jic.types.candid.Candid;
import dev.jic.types.candid.CandidSyntaxException;
import dev.jic.types.candid.IdlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DidServiceTest {

  @Test
  void motokoCounterInterface() throws Exception {
    // What moc emits as candid:service for a counter actor class with an init argument.
    DidService s = DidService.parse("service : (nat) -> {\n  get: () -> (nat) query;\n  inc: () -> ();\n}\n");
    assertEquals(List.of("get", "inc"), s.methodNames());
    IdlType.Func get = s.method("get").orElseThrow();
    assertEquals(List.of(IdlType.NAT), get.rets());
    assertTrue(get.modes().contains(IdlType.FuncMode.QUERY));
    assertTrue(s.method("nope").isEmpty());
  }

  @Test
  void namedTypesAreExpandedAndLabelsLeftAlone() throws Exception {
    String did = """
        // a comment
        type Result = variant { ok : Item; err : text; none };
        type Item = record { id : nat64; "text" : text; ok : bool };
        /* block */ type none = nat;
        service Shop : {
          "get item" : (nat64) -> (Result) query;
          put : (Item) -> (Result);
        }
        """;
    DidService s = DidService.parse(did);
    IdlType.Func put = s.method("put").orElseThrow();
    assertEquals("(record { id : nat64; ok : bool; \"text\" : text })", Candid.renderTypes(put.args())); // fields sorted by hash
    IdlType.Variant v = (IdlType.Variant) s.method("get item").orElseThrow().rets().getFirst();
    assertEquals(3, v.fields().size());
    assertEquals(IdlType.NULL, v.fields().stream().filter(f -> "none".equals(f.name())).findFirst().orElseThrow().type(),
        "a variant case named like a type stays a label");
  }

  @Test
  void recursiveAndMalformedAreErrors() {
    assertThrows(CandidSyntaxException.class, () -> DidService.parse("type List = opt record { nat; List }; service : { f : (List) -> () }"));
    assertThrows(CandidSyntaxException.class, () -> DidService.parse("type X = nat;"));
    assertThrows(CandidSyntaxException.class, () -> DidService.parse("service : { f : (nat) -> (; }"));
    assertThrows(CandidSyntaxException.class, () -> DidService.parse("service : { /* unterminated"));
  }
}
