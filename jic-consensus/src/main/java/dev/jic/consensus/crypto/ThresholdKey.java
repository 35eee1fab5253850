package dev.jic.consensus.crypto;

/**
 * The two threshold keys of a subnet (PROTOCOL-DIGEST §0.1, §0.2). {@code LOW}: threshold f+1,
 * signs random beacons and random tapes (unpredictable until one honest node signs). {@code
 * HIGH}: threshold committee − f = 2f+1, signs state certifications and catch-up packages; its
 * public key is the subnet public key that HTTP certificates verify under.
 */
public enum ThresholdKey {
  LOW,
  HIGH
}
