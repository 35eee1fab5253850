package dev.jic.crypto.bls;

/** A BLS secret key with its public key. */
public record BlsKeyPair(BlsSecretKey secretKey, BlsPublicKey publicKey) {}
