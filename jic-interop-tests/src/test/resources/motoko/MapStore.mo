// A key-value store on mo:core's Map (a B-tree kept in the persistent heap).
import Map "mo:core/Map";
import Text "mo:core/Text";
import Iter "mo:core/Iter";

persistent actor MapStore {
  let store = Map.empty<Text, Nat>();

  // Returns true if the key is new.
  public func put(key : Text, value : Nat) : async Bool {
    Map.insert(store, Text.compare, key, value)
  };

  public query func lookup(key : Text) : async ?Nat {
    Map.get(store, Text.compare, key)
  };

  public func remove(key : Text) : async () {
    Map.remove(store, Text.compare, key)
  };

  public query func size() : async Nat { Map.size(store) };

  // Keys in ascending order (the map is ordered by Text.compare).
  public query func keys() : async [Text] {
    Iter.toArray(Map.keys(store))
  };
};
