/**
 * IC hash trees (interface spec "Certification"): the {@link dev.jic.crypto.tree.HashTree} data
 * type with its root hash, lookup and CBOR form, and {@link dev.jic.crypto.tree.LabeledTree}, the
 * full certified tree from which pruned witnesses are cut.
 *
 * <p>Safety: a witness has exactly the root hash of the tree it was cut from; every requested
 * value is Found in it, every requested missing path is Absent (never Unknown), and any other
 * path answers as in the full tree or Unknown. A decoded tree is well formed (sorted labels, no
 * leaves among labels, 32-byte pruned hashes, bounded depth) or decoding failed with
 * {@link dev.jic.types.encoding.DecodeException}. Everything here is deterministic: no clock,
 * no randomness, no hash-map iteration order.
 */
package dev.jic.crypto.tree;
