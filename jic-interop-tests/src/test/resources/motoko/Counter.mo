// A counter: updates change state, queries read it, a trapping update is rolled back.
persistent actor Counter {
  var count : Nat = 0;

  public func inc() : async Nat {
    count += 1;
    count
  };

  public func add(n : Nat) : async Nat {
    count += n;
    count
  };

  public query func get() : async Nat { count };

  // Queries run on a throw-away copy: this write is never seen by later messages.
  public query func incInQuery() : async Nat {
    count += 100;
    count
  };
};
