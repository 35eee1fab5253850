// mo:core Timer: a one-shot timer armed by a call and a recurring timer armed at install.
import Timer "mo:core/Timer";

persistent actor Timers {
  var fired : Nat = 0;
  var ticks : Nat = 0;

  transient let _recurring = Timer.recurringTimer<system>(#seconds 10, func() : async () {
    ticks += 1;
  });

  public func arm(seconds : Nat) : async Nat {
    Timer.setTimer<system>(#seconds seconds, func() : async () { fired += 1 })
  };

  public func cancel(id : Nat) : async () { Timer.cancelTimer(id) };

  // (fired, ticks)
  public query func status() : async (Nat, Nat) { (fired, ticks) };
};
