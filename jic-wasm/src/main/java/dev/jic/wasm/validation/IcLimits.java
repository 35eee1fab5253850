package dev.jic.wasm.validation;

/**
 * The IC's install-time limits on a module. {@link #DEFAULT} holds the production values
 * (IC-INTERFACE-DIGEST.md §5.1 and resource-limits.md; the replica's embedders config).
 */
public record IcLimits(
    long maxModuleBytes,
    long maxCodeSectionBytes,
    long maxInstructionsPerFunction,
    int maxFunctions,
    int maxGlobals,
    int maxExportedMethods,
    long maxExportedNameBytes,
    int maxIcpCustomSections,
    long maxIcpCustomSectionBytes,
    long maxWasm64MemoryBytes,
    long maxFunctionComplexity) {

  /** The limits without a complexity limit argument: uses the IC's 1,000,000 (source compatibility). */
  public IcLimits(long maxModuleBytes, long maxCodeSectionBytes, long maxInstructionsPerFunction, int maxFunctions,
      int maxGlobals, int maxExportedMethods, long maxExportedNameBytes, int maxIcpCustomSections,
      long maxIcpCustomSectionBytes, long maxWasm64MemoryBytes) {
    this(maxModuleBytes, maxCodeSectionBytes, maxInstructionsPerFunction, maxFunctions, maxGlobals,
        maxExportedMethods, maxExportedNameBytes, maxIcpCustomSections, maxIcpCustomSectionBytes,
        maxWasm64MemoryBytes, 1_000_000);
  }

  public static final IcLimits DEFAULT = new IcLimits(
      100L * 1024 * 1024, // module size 100 MiB
      10L * 1024 * 1024, // code section 10 MiB
      1_000_000, // instructions in one function body
      50_000, // functions
      1_000, // globals
      1_000, // update + query + composite query exports
      20_000, // sum of exported method name lengths
      16, // icp: custom sections
      1024 * 1024, // icp: custom sections, names + contents
      6L * 1024 * 1024 * 1024, // wasm64 heap 6 GiB
      1_000_000); // FunctionComplexity of one body (the replica's WASM_FUNCTION_COMPLEXITY_LIMIT)
}
