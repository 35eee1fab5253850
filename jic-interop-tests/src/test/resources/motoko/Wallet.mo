// mo:core Cycles: balance, available/accept in a callee, attaching cycles and refunds in a caller.
import Cycles "mo:core/Cycles";
import Principal "mo:core/Principal";

persistent actor Wallet {
  type Peer = actor { receive : () -> async Nat };

  public query func balance() : async Nat { Cycles.balance() };

  // Accepts half of what is attached; replies with the amount accepted.
  public func receive() : async Nat {
    let available = Cycles.available();
    Cycles.accept<system>(available / 2)
  };

  // Attaches `amount` to peer.receive(); replies (accepted by the peer, refunded to us).
  public func send(p : Principal, amount : Nat) : async (Nat, Nat) {
    let peer : Peer = actor (Principal.toText(p));
    let accepted = await (with cycles = amount) peer.receive();
    (accepted, Cycles.refunded())
  };
};
