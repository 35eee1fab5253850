// Version 1 of an upgradable actor: stable state, a transient variable and upgrade hooks.
persistent actor Upgradable {
  var count : Nat = 0;
  var notes : [Text] = [];
  var preUpgrades : Nat = 0;
  transient var hits : Nat = 0;

  public func inc() : async Nat {
    count += 1;
    hits += 1;
    count
  };

  public func note(t : Text) : async () {
    notes := [t];
  };

  // (count, hits, preUpgrades)
  public query func state() : async (Nat, Nat, Nat) { (count, hits, preUpgrades) };

  public query func version() : async Nat { 1 };

  system func preupgrade() {
    preUpgrades += 1;
  };
};
