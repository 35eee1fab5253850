// A small azle (TypeScript, azle 0.33.0) canister: a ledger of named balances kept in stable
// memory, with query and update methods, init arguments, the caller and the time.
import {
    IDL,
    init,
    msgCaller,
    query,
    StableBTreeMap,
    time,
    trap,
    update
} from 'azle';

export default class {
    balances = new StableBTreeMap<string, bigint>(0);
    owner: string = '';
    lastUpdate: bigint = 0n;

    @init([])
    init(): void {
        this.owner = msgCaller().toText();
    }

    @query([IDL.Text], IDL.Nat64)
    balanceOf(name: string): bigint {
        return this.balances.get(name) ?? 0n;
    }

    @update([IDL.Text, IDL.Nat64], IDL.Nat64)
    deposit(name: string, amount: bigint): bigint {
        const next = (this.balances.get(name) ?? 0n) + amount;
        if (next >= 2n ** 64n) {
            trap('balance overflow');
        }
        this.balances.insert(name, next);
        this.lastUpdate = time();
        return next;
    }

    @query([], IDL.Vec(IDL.Text))
    accounts(): string[] {
        return this.balances.keys();
    }

    @query([], IDL.Text)
    whoami(): string {
        return `${msgCaller().toText()} (owner ${this.owner}, updated at ${this.lastUpdate})`;
    }
}
