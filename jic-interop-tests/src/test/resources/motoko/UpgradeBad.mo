// Changes the type of a stable variable of UpgradeV1 (Nat to Text): the upgrade must fail.
persistent actor Upgradable {
  var count : Text = "";

  public query func version() : async Nat { 3 };
};
