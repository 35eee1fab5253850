// Version 2: keeps every stable variable of version 1, adds one, and counts post-upgrades.
persistent actor Upgradable {
  var count : Nat = 0;
  var notes : [Text] = [];
  var preUpgrades : Nat = 0;
  var postUpgrades : Nat = 0; // new in version 2: initialised during the upgrade
  transient var hits : Nat = 0;

  public func inc() : async Nat {
    count += 10;
    hits += 1;
    count
  };

  public query func state() : async (Nat, Nat, Nat) { (count, hits, preUpgrades) };

  public query func upgrades() : async Nat { postUpgrades };

  public query func notesNow() : async [Text] { notes };

  public query func version() : async Nat { 2 };

  system func preupgrade() {
    preUpgrades += 1;
  };

  system func postupgrade() {
    postUpgrades += 1;
  };
};
