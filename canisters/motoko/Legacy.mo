// A classic mo:base canister (the base library of npm motoko@3.20.0, loaded into moc 4.10.0).
import Buffer "mo:base/Buffer";
import Debug "mo:base/Debug";
import Nat "mo:base/Nat";
import Text "mo:base/Text";

persistent actor Legacy {
  var greeted : Nat = 0;
  var names : [Text] = [];
  transient let recent = Buffer.Buffer<Text>(4);

  public func greet(name : Text) : async Text {
    greeted += 1;
    recent.add(name);
    Debug.print("greeting " # name);
    "Hello, " # name # "! (#" # Nat.toText(greeted) # ")"
  };

  public query func greetings() : async Nat { greeted };

  public query func recentNames() : async [Text] { Buffer.toArray(recent) };

  system func preupgrade() { names := Buffer.toArray(recent) };

  system func postupgrade() {
    for (n in names.vals()) { recent.add(n) };
    names := [];
  };
};
