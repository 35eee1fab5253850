package dev.jic.pagemap;

import java.util.Arrays;

/**
 * A persistent (immutable, structurally shared) radix trie from 64-bit page index to a 4 KiB page,
 * 64-way per level, as deep as the largest index needs. Taking a "copy" is sharing the reference;
 * an update copies only the nodes on one root-to-leaf path. A {@link Builder} batches updates:
 * nodes it created itself are updated in place (they are not yet visible to anybody), so folding a
 * message's writes costs one path copy per touched subtree, not per page.
 *
 * <p>Iteration is in ascending page order. The page arrays stored here are never modified.
 */
final class PageTrie {
    private static final int BITS = 6;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;

    static final PageTrie EMPTY = new PageTrie(null, 0, 0);

    private final Node root;
    /** Shift of the root level: the root splits on bits {@code [shift, shift + 6)}. */
    private final int shift;
    private final long size;

    private PageTrie(Node root, int shift, long size) {
        this.root = root;
        this.shift = shift;
        this.size = size;
    }

    private static final class Node {
        final Object[] slots;
        /** The builder that created this node and may still modify it in place, or null. */
        Object owner;

        Node(Object owner) {
            this.slots = new Object[WIDTH];
            this.owner = owner;
        }

        Node(Node from, Object owner) {
            this.slots = Arrays.copyOf(from.slots, WIDTH);
            this.owner = owner;
        }
    }

    /** Number of pages present. */
    long size() {
        return size;
    }

    /** True if {@code index} fits under a root at {@code shift}. */
    private static boolean fits(long index, int shift) {
        return shift + BITS >= 64 || (index >>> (shift + BITS)) == 0;
    }

    /** The page stored at {@code index}, or null. */
    byte[] get(long index) {
        Node n = root;
        if (n == null || !fits(index, shift)) {
            return null;
        }
        for (int s = shift; s > 0; s -= BITS) {
            n = (Node) n.slots[(int) ((index >>> s) & MASK)];
            if (n == null) {
                return null;
            }
        }
        return (byte[]) n.slots[(int) (index & MASK)];
    }

    /** Receives pages in ascending index order. */
    @FunctionalInterface
    interface Visitor {
        void visit(long index, byte[] page);
    }

    /** Visits every page in ascending index order. */
    void forEach(Visitor v) {
        if (root != null) {
            walk(root, shift, 0L, v);
        }
    }

    private static void walk(Node n, int shift, long prefix, Visitor v) {
        for (int i = 0; i < WIDTH; i++) {
            Object o = n.slots[i];
            if (o == null) {
                continue;
            }
            long idx = prefix | ((long) i << shift);
            if (shift == 0) {
                v.visit(idx, (byte[]) o);
            } else {
                walk((Node) o, shift - BITS, idx, v);
            }
        }
    }

    /** The largest index present plus one, or 0 if empty. */
    long upperBound() {
        if (root == null) {
            return 0;
        }
        Node n = root;
        long idx = 0;
        for (int s = shift; ; s -= BITS) {
            int i = WIDTH - 1;
            while (n.slots[i] == null) {
                i--;
            }
            idx |= (long) i << s;
            if (s == 0) {
                return idx + 1;
            }
            n = (Node) n.slots[i];
        }
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Transient updates over a trie. Single use: after {@link #build()} the builder is dead, so
     * nodes it created become immutable.
     */
    static final class Builder {
        private Object owner = new Object();
        private Node root;
        private int shift;
        private long size;

        private Builder(PageTrie from) {
            this.root = from.root;
            this.shift = from.shift;
            this.size = from.size;
        }

        /** Sets page {@code index} (non-negative) to {@code page}, which the trie now owns. */
        void put(long index, byte[] page) {
            if (owner == null) {
                throw new IllegalStateException("builder already built");
            }
            if (index < 0) {
                throw new IllegalArgumentException("negative page index " + index);
            }
            if (root == null) {
                shift = 0;
                while (!fits(index, shift)) {
                    shift += BITS;
                }
                root = new Node(owner);
            }
            while (!fits(index, shift)) {
                Node up = new Node(owner);
                up.slots[0] = root;
                root = up;
                shift += BITS;
            }
            root = put(root, shift, index, page);
        }

        private Node put(Node node, int s, long index, byte[] page) {
            Node n = node == null ? new Node(owner) : node.owner == owner ? node : new Node(node, owner);
            int i = (int) ((index >>> s) & MASK);
            if (s == 0) {
                if (n.slots[i] == null) {
                    size++;
                }
                n.slots[i] = page;
            } else {
                n.slots[i] = put((Node) n.slots[i], s - BITS, index, page);
            }
            return n;
        }

        PageTrie build() {
            owner = null;
            return root == null ? EMPTY : new PageTrie(root, shift, size);
        }
    }
}
