// A tiny hand-written canister in AssemblyScript 0.28.20: System API imports via @external,
// Candid encoded and decoded by hand. Exports are renamed after compilation by
// ../rename-exports.mjs: greet -> "canister_query greet", inc -> "canister_update inc".

@external("ic0", "msg_arg_data_size")
declare function msg_arg_data_size(): i32;
@external("ic0", "msg_arg_data_copy")
declare function msg_arg_data_copy(dst: usize, offset: i32, size: i32): void;
@external("ic0", "msg_reply_data_append")
declare function msg_reply_data_append(src: usize, size: i32): void;
@external("ic0", "msg_reply")
declare function msg_reply(): void;
@external("ic0", "debug_print")
declare function debug_print(src: usize, size: i32): void;
@external("ic0", "trap")
declare function ic0_trap(src: usize, size: i32): void;

// The counter behind `inc` (a Wasm global: persists between messages with the canister's state).
let counter: u64 = 0;
let initialised: bool = false;

function print(message: string): void {
  const bytes = String.UTF8.encode(message);
  debug_print(changetype<usize>(bytes), bytes.byteLength);
}

function fail(message: string): void {
  const bytes = String.UTF8.encode(message);
  ic0_trap(changetype<usize>(bytes), bytes.byteLength);
}

// The AssemblyScript runtime's abort handler (wired with --use abort=...): trap through ic0.
function abortHandler(message: string | null, file: string | null, line: u32, column: u32): void {
  fail("assemblyscript abort at line " + line.toString() + ":" + column.toString());
}

// Unsigned LEB128 appended to `out` at `pos`; returns the new position.
function writeLeb(out: usize, pos: i32, value: u64): i32 {
  let v = value;
  do {
    let b = <u8>(v & 0x7f);
    v >>= 7;
    if (v != 0) b |= 0x80;
    store<u8>(out + pos, b);
    pos++;
  } while (v != 0);
  return pos;
}

// Writes the Candid header "DIDL", an empty type table and one argument of primitive type `t`.
function writeHeader(out: usize, t: u8): i32 {
  store<u8>(out, 0x44);
  store<u8>(out + 1, 0x49);
  store<u8>(out + 2, 0x44);
  store<u8>(out + 3, 0x4c);
  store<u8>(out + 4, 0x00);
  store<u8>(out + 5, 0x01);
  store<u8>(out + 6, t);
  return 7;
}

export function canister_init(): void {
  counter = 0;
  initialised = true;
  print("assemblyscript canister initialised");
}

// greet : (text) -> (text) query
export function greet(): void {
  const size = msg_arg_data_size();
  const arg = heap.alloc(<usize>size);
  msg_arg_data_copy(arg, 0, size);
  // Accept exactly: "DIDL" 0x00 (no types) 0x01 (one value) 0x71 (text) leb(len) utf8.
  if (size < 8 || load<u32>(arg) != 0x4c444944 || load<u8>(arg + 4) != 0 || load<u8>(arg + 5) != 1
      || load<u8>(arg + 6) != 0x71) {
    fail("greet expects one Candid text argument");
    return;
  }
  let pos: i32 = 7;
  let len: u64 = 0;
  let shift: u64 = 0;
  while (true) {
    if (pos >= size || shift > 28) {
      fail("bad text length");
      return;
    }
    const b = load<u8>(arg + pos);
    pos++;
    len |= (<u64>(b & 0x7f)) << shift;
    shift += 7;
    if ((b & 0x80) == 0) break;
  }
  if (<u64>pos + len != <u64>size) {
    fail("text length does not match the argument size");
    return;
  }
  const name = String.UTF8.decodeUnsafe(arg + pos, <usize>len);
  const reply = String.UTF8.encode("Hello, " + name + "!");
  const out = heap.alloc(<usize>reply.byteLength + 17);
  let n = writeHeader(out, 0x71);
  n = writeLeb(out, n, <u64>reply.byteLength);
  memory.copy(out + n, changetype<usize>(reply), reply.byteLength);
  n += reply.byteLength;
  msg_reply_data_append(out, n);
  msg_reply();
}

// inc : () -> (nat)
export function inc(): void {
  if (!initialised) {
    fail("not initialised");
    return;
  }
  counter++;
  const out = heap.alloc(24);
  let n = writeHeader(out, 0x7d);
  n = writeLeb(out, n, counter);
  msg_reply_data_append(out, n);
  msg_reply();
}
