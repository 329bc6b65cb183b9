package dev.gantry.flags.sdk;

/** Unleash's normalisation of a murmur3 hash into 1..modulus: {@code (hash as unsigned) % modulus + 1}. */
public final class Buckets {

    /** The seed of rollout buckets. */
    public static final int ROLLOUT_SEED = 0;

    /** The seed of variant buckets, so a user's variant is independent of whether their rollout bucket is in. */
    public static final int VARIANT_SEED = 86028157;

    private Buckets() {}

    /** The bucket 1..modulus of {@code id} in {@code group}; modulus must be positive. */
    public static int normalized(String group, String id, int modulus, int seed) {
        long unsigned = Murmur3.hash32(group, id, seed) & 0xffffffffL;
        return (int) (unsigned % modulus) + 1;
    }

    /** The rollout bucket 1..100, compared with a percentage: in when {@code bucket <= percentage}. */
    public static int rollout(String group, String id) {
        return normalized(group, id, 100, ROLLOUT_SEED);
    }
}
