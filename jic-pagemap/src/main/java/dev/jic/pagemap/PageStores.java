package dev.jic.pagemap;

/** Argument checks shared by the {@link PageStore} implementations. */
final class PageStores {
    private PageStores() {}

    static void checkArgs(long pageIndex, byte[] dst) {
        if (pageIndex < 0) {
            throw new IllegalArgumentException("negative page index " + pageIndex);
        }
        if (dst.length < Pages.PAGE_SIZE) {
            throw new IllegalArgumentException("destination shorter than a page: " + dst.length);
        }
    }
}
