//! Stable sorting with one copy of the sort algorithm for the whole crate.
//!
//! `slice::sort_by_key` is compiled again for every element type and key closure (about 4 KB of
//! wasm each); the playground's first visit carried five of them. Here only the sort of indices
//! is compiled, once: the keys are computed once per item, the indices sorted through a
//! `dyn` comparison, and the items moved into that order (docs/performance.md).

use std::cmp::Ordering;

/// Sorts `items` by `key`, stably (equal keys keep their order). Each key is computed once.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_indices(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    apply(items, order);
}

/// Sorts `items` by `compare`, stably (equal items keep their order), like `slice::sort_by`
/// without another copy of the sort algorithm.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    apply(items, order);
}

/// `0..len` sorted by `compare`, ties in index order (which makes the unstable sort stable).
#[inline(never)]
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

/// Moves `items` into `order` (the new `items[i]` is the old `items[order[i]]`), in place.
fn apply<T>(items: &mut [T], order: Vec<usize>) {
    // `target[j]`: where the item now at `j` belongs.
    let mut target = vec![0; order.len()];
    for (i, &from) in order.iter().enumerate() {
        target[from] = i;
    }
    for i in 0..items.len() {
        while target[i] != i {
            let j = target[i];
            items.swap(i, j);
            target.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_the_order_of_equal_keys() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, [(0, 'f'), (1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many ties, and the edge sizes.
        let mut seed = 7u32;
        for len in [0, 1, 2, 3, 17, 200] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let (mut ours, mut std) = (items.clone(), items);
            sort_by_key(&mut ours, |&(k, _)| k);
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "len {len}");
            let mut by_compare = ours.clone();
            by_compare.reverse();
            sort_by(&mut by_compare, |a, b| b.0.cmp(&a.0));
            let mut std_by = ours.clone();
            std_by.reverse();
            std_by.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
            assert_eq!(by_compare, std_by, "sort_by, len {len}");
        }
    }
}
