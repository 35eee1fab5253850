package dev.jic.pagemap;

/**
 * Page geometry shared by page maps, Wasm heap memory and stable memory.
 *
 * <p>A page map stores 4 KiB pages ({@link #PAGE_SIZE}), the unit of copy-on-write, dirty tracking,
 * checkpoint overlays and hashing. Wasm sizes memory in 64 KiB pages ({@link #WASM_PAGE_SIZE}), so
 * one Wasm page is {@link #PAGES_PER_WASM_PAGE} page-map pages.
 */
public final class Pages {
    /** Bytes in one page-map page: 4 KiB, as in the IC replica. */
    public static final int PAGE_SIZE = 4096;
    /** log2 of {@link #PAGE_SIZE}. */
    public static final int PAGE_SHIFT = 12;
    /** Bytes in one WebAssembly page: 64 KiB. */
    public static final int WASM_PAGE_SIZE = 65536;
    /** log2 of {@link #WASM_PAGE_SIZE}. */
    public static final int WASM_PAGE_SHIFT = 16;
    /** Page-map pages per WebAssembly page (16). */
    public static final int PAGES_PER_WASM_PAGE = WASM_PAGE_SIZE / PAGE_SIZE;

    /**
     * The shared all-zero page. Package-private: nobody outside may see (and thus modify) it;
     * {@link PageMap#pageForRead(long)} hands it out under the "never modify" contract.
     */
    static final byte[] ZERO = new byte[PAGE_SIZE];

    private Pages() {}

    /**
     * True if {@code page} is the shared zero page that {@link PageMap#pageForRead} returns for
     * pages never written nor backed by the base: such a page costs no heap (and must not be
     * written).
     */
    public static boolean isSharedZeroPage(byte[] page) {
        return page == ZERO;
    }

    /** True if every byte of the 4 KiB page is zero. */
    static boolean isZero(byte[] page) {
        return page == ZERO || java.util.Arrays.mismatch(page, ZERO) < 0;
    }
}
