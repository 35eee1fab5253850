// Traps and rejects: every way a Motoko message can fail, and a counter to show rollback.
import Runtime "mo:core/Runtime";
import Error "mo:core/Error";

persistent actor Faults {
  var count : Nat = 0;

  public func trapWith(msg : Text) : async Nat {
    count += 1; // rolled back by the trap
    Runtime.trap(msg)
  };

  public func assertFalse() : async Nat {
    count += 1;
    assert false;
    count
  };

  // Nat64 division compiles to i64.div_u: a Wasm trap, not an ic0.trap call.
  public func divide(a : Nat64, b : Nat64) : async Nat64 { a / b };

  public func rejectWith(msg : Text) : async Nat {
    count += 1; // a reject is a reply: this change is kept
    throw Error.reject(msg)
  };

  public func echo(t : Text) : async Text { t };

  public query func get() : async Nat { count };

  public query func queryTrap() : async Nat { Runtime.trap("query trap") };
};
