package dev.jic.state;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable map over two parallel arrays sorted by the keys' natural order: {@code get},
 * {@code containsKey} and {@code size} are binary searches / O(1) without building a tree; the
 * other {@link NavigableMap} operations use a {@link TreeMap} copy built on first use. Cheap to
 * create (the arrays are taken as given, never modified afterwards). Thread-safe.
 */
final class SortedArrayMap<K extends Comparable<? super K>, V> extends AbstractMap<K, V>
    implements NavigableMap<K, V> {
  private final Object[] keys;
  private final Object[] values;
  private volatile NavigableMap<K, V> tree;

  /** Takes the arrays (keys strictly increasing; the caller must not modify them afterwards). */
  SortedArrayMap(Object[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  private int find(Object key) {
    return Arrays.binarySearch(keys, key, (a, b) -> ((K) a).compareTo((K) b));
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = key == null ? -1 : find(key);
    return i >= 0 ? (V) values[i] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return key != null && find(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @SuppressWarnings("unchecked")
  private NavigableMap<K, V> tree() {
    NavigableMap<K, V> t = tree;
    if (t == null) {
      TreeMap<K, V> m = new TreeMap<>();
      for (int i = 0; i < keys.length; i++) {
        m.put((K) keys[i], (V) values[i]);
      }
      t = Collections.unmodifiableNavigableMap(m);
      tree = t;
    }
    return t;
  }

  @Override public Set<Entry<K, V>> entrySet() { return tree().entrySet(); }
  @Override public Entry<K, V> lowerEntry(K k) { return tree().lowerEntry(k); }
  @Override public K lowerKey(K k) { return tree().lowerKey(k); }
  @Override public Entry<K, V> floorEntry(K k) { return tree().floorEntry(k); }
  @Override public K floorKey(K k) { return tree().floorKey(k); }
  @Override public Entry<K, V> ceilingEntry(K k) { return tree().ceilingEntry(k); }
  @Override public K ceilingKey(K k) { return tree().ceilingKey(k); }
  @Override public Entry<K, V> higherEntry(K k) { return tree().higherEntry(k); }
  @Override public K higherKey(K k) { return tree().higherKey(k); }
  @Override public Entry<K, V> firstEntry() { return tree().firstEntry(); }
  @Override public Entry<K, V> lastEntry() { return tree().lastEntry(); }
  @Override public Entry<K, V> pollFirstEntry() { throw new UnsupportedOperationException(); }
  @Override public Entry<K, V> pollLastEntry() { throw new UnsupportedOperationException(); }
  @Override public NavigableMap<K, V> descendingMap() { return tree().descendingMap(); }
  @Override public NavigableSet<K> navigableKeySet() { return tree().navigableKeySet(); }
  @Override public NavigableSet<K> descendingKeySet() { return tree().descendingKeySet(); }
  @Override public NavigableMap<K, V> subMap(K a, boolean ai, K b, boolean bi) { return tree().subMap(a, ai, b, bi); }
  @Override public NavigableMap<K, V> headMap(K k, boolean i) { return tree().headMap(k, i); }
  @Override public NavigableMap<K, V> tailMap(K k, boolean i) { return tree().tailMap(k, i); }
  @Override public Comparator<? super K> comparator() { return null; }
  @Override public SortedMap<K, V> subMap(K a, K b) { return tree().subMap(a, b); }
  @Override public SortedMap<K, V> headMap(K k) { return tree().headMap(k); }
  @Override public SortedMap<K, V> tailMap(K k) { return tree().tailMap(k); }
  @Override public K firstKey() { return tree().firstKey(); }
  @Override public K lastKey() { return tree().lastKey(); }
  @Override public Set<K> keySet() { return tree().navigableKeySet(); }
}
