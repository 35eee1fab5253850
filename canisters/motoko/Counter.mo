// A counter / key-value store canister written against mo:core (npm motoko@4.10.0).
// Built twice by ../build.sh: enhancedOP (wasm64: memory64 + table64) and classicOP (wasm32).
import Map "mo:core/Map";
import Text "mo:core/Text";
import Nat "mo:core/Nat";
import Timer "mo:core/Timer";
import Principal "mo:core/Principal";
import Debug "mo:core/Debug";

persistent actor Counter {
  // Stable state (a persistent actor keeps every non-transient variable across upgrades).
  var count : Nat = 0;
  var ticks : Nat = 0;
  let store = Map.empty<Text, Text>();

  public func inc() : async Nat {
    count += 1;
    count
  };

  public query func get() : async Nat { count };

  public func put(key : Text, value : Text) : async () {
    Map.add(store, Text.compare, key, value)
  };

  public query func lookup(key : Text) : async ?Text {
    Map.get(store, Text.compare, key)
  };

  public query func size() : async Nat { Map.size(store) };

  public query func timerTicks() : async Nat { ticks };

  // Inter-canister call: asks another counter (any canister with `get`) for its value.
  public func fetchFrom(other : Principal) : async Nat {
    let peer : actor { get : () -> async Nat } = actor (Principal.toText(other));
    let n = await peer.get();
    count += n;
    count
  };

  // A recurring timer, armed during canister_init (calls ic0.global_timer_set).
  transient let _timer = Timer.recurringTimer<system>(#seconds 60, func() : async () {
    ticks += 1;
    Debug.print("tick " # Nat.toText(ticks));
  });
};
