//! Deterministic randomness without a dependency: splitmix64 as a hash. Every random choice is
//! a pure function of (seed, what is being decided), so the output does not depend on the
//! order things are generated in, and the same inputs always give the same bytes.

/// The splitmix64 finaliser: a good 64-bit mixer.
pub(super) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a seed and a few numbers naming the decision.
pub(super) fn hash(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(mix(seed), |h, &p| mix(h ^ p))
}

/// True with probability `per_million` / 1,000,000.
pub(super) fn chance(seed: u64, parts: &[u64], per_million: u32) -> bool {
    hash(seed, parts) % 1_000_000 < u64::from(per_million)
}

/// A number in `0..n`.
pub(super) fn roll(seed: u64, parts: &[u64], n: usize) -> usize {
    (hash(seed, parts) % n as u64) as usize
}
