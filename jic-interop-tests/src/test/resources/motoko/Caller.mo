// Inter-canister calls to a Faults canister: replies, caught rejects and traps, propagation.
import Error "mo:core/Error";
import Nat "mo:core/Nat";
import Principal "mo:core/Principal";

persistent actor Caller {
  type Faults = actor {
    echo : Text -> async Text;
    trapWith : Text -> async Nat;
    rejectWith : Text -> async Nat;
    get : query () -> async Nat;
  };

  var calls : Nat = 0;

  func peer(p : Principal) : Faults = actor (Principal.toText(p));

  public func callEcho(p : Principal, t : Text) : async Text {
    calls += 1;
    let r = await peer(p).echo(t);
    "echo: " # r
  };

  func describe(e : Error.Error) : Text {
    let code = switch (Error.code(e)) {
      case (#system_fatal) "system_fatal";
      case (#system_transient) "system_transient";
      case (#destination_invalid) "destination_invalid";
      case (#canister_reject) "canister_reject";
      case (#canister_error) "canister_error";
      case (#future _) "future";
      case (#call_error _) "call_error";
    };
    code # ": " # Error.message(e)
  };

  // Catches the callee's reject (code 4) or trap (code 5) and replies with its description.
  public func callReject(p : Principal, msg : Text) : async Text {
    calls += 1;
    try { Nat.toText(await peer(p).rejectWith(msg)) } catch (e) { describe(e) }
  };

  public func callTrap(p : Principal, msg : Text) : async Text {
    calls += 1;
    try { Nat.toText(await peer(p).trapWith(msg)) } catch (e) { describe(e) }
  };

  // Does not catch: the callee's reject propagates as this call's reject.
  public func propagate(p : Principal, msg : Text) : async Nat {
    calls += 1;
    await peer(p).rejectWith(msg)
  };

  public query func count() : async Nat { calls };
};
