package dev.jic.execution;

import dev.jic.types.unit.Cycles;
import java.math.BigInteger;

/**
 * The cycles cost table of an application subnet (IC-INTERFACE-DIGEST §8, from dfinity/ic
 * {@code rs/config/src/subnet_config.rs} {@code CyclesAccountManagerConfig::application_subnet}),
 * scaled by {@code subnetSize / 13} as the replica does ({@code cost * n / 13}, integer division
 * after multiplication). Immutable. docs/EXECUTION.md lists the table.
 */
public final class CyclesCosts {
  /** The subnet size the prices are quoted for. */
  public static final int REFERENCE_SUBNET_SIZE = 13;
  public static final long CANISTER_CREATION_FEE = 500_000_000_000L;
  public static final long UPDATE_MESSAGE_EXECUTION_FEE = 5_000_000L;
  /** Per 10 instructions. */
  public static final long TEN_UPDATE_INSTRUCTIONS_EXECUTION_FEE = 10L;
  public static final long XNET_CALL_FEE = 260_000L;
  public static final long XNET_BYTE_TRANSMISSION_FEE = 1_000L;
  public static final long INGRESS_MESSAGE_RECEPTION_FEE = 1_200_000L;
  public static final long INGRESS_BYTE_RECEPTION_FEE = 2_000L;
  public static final long GIB_STORAGE_PER_SECOND_FEE = 127_000L;
  public static final long COMPUTE_PERCENT_ALLOCATED_PER_SECOND_FEE = 10_000_000L;
  /** Threshold signature fee at 13 nodes. */
  public static final long SIGNATURE_FEE = 10_000_000_000L;
  /** Maximum size of a replicated response, bytes (prepaid at {@code call_perform}). */
  public static final long MAX_RESPONSE_BYTES = 2L * 1024 * 1024;
  /** wasm64 instructions cost twice ({@code WASM64_INSTRUCTION_COST_OVERHEAD}). */
  public static final long WASM64_INSTRUCTION_COST_OVERHEAD = 2;

  private final int subnetSize;

  /** Costs for a subnet of {@code subnetSize} nodes. */
  public CyclesCosts(int subnetSize) {
    if (subnetSize < 1) {
      throw new IllegalArgumentException("subnet size " + subnetSize);
    }
    this.subnetSize = subnetSize;
  }

  /** The number of nodes prices are scaled for. */
  public int subnetSize() {
    return subnetSize;
  }

  /** {@code amount * n / 13}, exact. */
  public Cycles scale(BigInteger amount) {
    return Cycles.of(amount.multiply(BigInteger.valueOf(subnetSize)).divide(BigInteger.valueOf(REFERENCE_SUBNET_SIZE)));
  }

  private Cycles scale(long amount) {
    return scale(BigInteger.valueOf(amount));
  }

  /** Fee for executing {@code instructions} instructions (wasm64 counts twice). */
  public Cycles instructions(long instructions, boolean wasm64) {
    BigInteger n = BigInteger.valueOf(instructions).multiply(BigInteger.valueOf(wasm64 ? WASM64_INSTRUCTION_COST_OVERHEAD : 1));
    return scale(n.multiply(BigInteger.valueOf(TEN_UPDATE_INSTRUCTIONS_EXECUTION_FEE)).divide(BigInteger.TEN));
  }

  /** Prepayment for a message with an instruction limit: base fee plus the limit's instructions. */
  public Cycles executionPrepayment(long instructionLimit, boolean wasm64) {
    return scale(UPDATE_MESSAGE_EXECUTION_FEE).plus(instructions(instructionLimit, wasm64));
  }

  /** The base fee of a message execution. */
  public Cycles executionBaseFee() {
    return scale(UPDATE_MESSAGE_EXECUTION_FEE);
  }

  /** Fee for inducting an ingress message of {@code bytes} bytes. */
  public Cycles ingressInduction(long bytes) {
    return scale(BigInteger.valueOf(INGRESS_MESSAGE_RECEPTION_FEE)
        .add(BigInteger.valueOf(INGRESS_BYTE_RECEPTION_FEE).multiply(BigInteger.valueOf(bytes))));
  }

  /** Fee charged at {@code call_perform}: the call fee plus the request bytes (method name + payload). */
  public Cycles xnetCall(long requestBytes) {
    return scale(BigInteger.valueOf(XNET_CALL_FEE)
        .add(BigInteger.valueOf(XNET_BYTE_TRANSMISSION_FEE).multiply(BigInteger.valueOf(requestBytes))));
  }

  /**
   * Reserved at {@code call_perform} for the response: transmitting a maximal response and
   * executing its callback with the full message instruction limit; the unused part is refunded.
   */
  public Cycles responsePrepayment(long instructionLimit, boolean wasm64) {
    return scale(BigInteger.valueOf(XNET_BYTE_TRANSMISSION_FEE).multiply(BigInteger.valueOf(MAX_RESPONSE_BYTES)))
        .plus(executionPrepayment(instructionLimit, wasm64));
  }

  /** Transmission fee of an actual response of {@code bytes} bytes. */
  public Cycles responseTransmission(long bytes) {
    return scale(BigInteger.valueOf(XNET_BYTE_TRANSMISSION_FEE).multiply(BigInteger.valueOf(bytes)));
  }

  /** {@code ic0.cost_call}: call fee + bytes + response prepayment. */
  public Cycles costCall(long methodNameSize, long payloadSize, long instructionLimit, boolean wasm64) {
    return xnetCall(methodNameSize + payloadSize).plus(responsePrepayment(instructionLimit, wasm64));
  }

  /** {@code ic0.cost_create_canister}. */
  public Cycles canisterCreation() {
    return scale(CANISTER_CREATION_FEE);
  }

  /**
   * {@code ic0.cost_http_request}: {@code (3_000_000 + 60_000 n) n + (400 request + 800 max_response) n}
   * (IC-INTERFACE-DIGEST §8; not scaled again).
   */
  public Cycles httpRequest(long requestSize, long maxResponseBytes) {
    BigInteger n = BigInteger.valueOf(subnetSize);
    BigInteger base = BigInteger.valueOf(3_000_000).add(BigInteger.valueOf(60_000).multiply(n)).multiply(n);
    BigInteger per = BigInteger.valueOf(400).multiply(new BigInteger(Long.toUnsignedString(requestSize)))
        .add(BigInteger.valueOf(800).multiply(new BigInteger(Long.toUnsignedString(maxResponseBytes)))).multiply(n);
    return Cycles.of(base.add(per));
  }

  /**
   * Threshold signature / vetKD fee for the key on a subnet of {@code keySubnetSize} nodes:
   * {@code 10_000_000_000 * keySubnetSize / 13}.
   */
  public static Cycles signature(int keySubnetSize) {
    return Cycles.of(BigInteger.valueOf(SIGNATURE_FEE).multiply(BigInteger.valueOf(keySubnetSize))
        .divide(BigInteger.valueOf(REFERENCE_SUBNET_SIZE)));
  }

  /**
   * Cycles a canister burns per day while idle: storage of {@code memoryBytes} plus its compute
   * allocation ({@code percent}).
   */
  public Cycles idleBurnPerDay(long memoryBytes, int computePercent) {
    BigInteger day = BigInteger.valueOf(86_400);
    BigInteger storage = BigInteger.valueOf(GIB_STORAGE_PER_SECOND_FEE).multiply(BigInteger.valueOf(memoryBytes))
        .multiply(day).shiftRight(30);
    BigInteger compute = BigInteger.valueOf(COMPUTE_PERCENT_ALLOCATED_PER_SECOND_FEE)
        .multiply(BigInteger.valueOf(computePercent)).multiply(day);
    return scale(storage.add(compute));
  }

  /**
   * The freezing limit: {@code idle_burn_per_day * freezing_threshold / 86400} (interface spec,
   * abstract behaviour {@code freezing_limit}).
   */
  public Cycles freezingLimit(long memoryBytes, int computePercent, long freezingThresholdSeconds) {
    BigInteger perDay = idleBurnPerDay(memoryBytes, computePercent).toBigInteger();
    return Cycles.of(perDay.multiply(new BigInteger(Long.toUnsignedString(freezingThresholdSeconds)))
        .divide(BigInteger.valueOf(86_400)));
  }
}
