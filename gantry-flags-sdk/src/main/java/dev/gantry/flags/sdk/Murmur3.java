package dev.gantry.flags.sdk;

/**
 * MurmurHash3 x86 32-bit (Austin Appleby's reference), the hash Unleash buckets users with. The two-string form hashes
 * the UTF-8 bytes of {@code group + ":" + id} without building that string, so a rollout allocates nothing.
 */
public final class Murmur3 {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {}

    public static int hash32(byte[] data, int seed) {
        int h = seed;
        int blocks = data.length & ~3;
        for (int i = 0; i < blocks; i += 4) {
            int k = (data[i] & 0xff)
                    | (data[i + 1] & 0xff) << 8
                    | (data[i + 2] & 0xff) << 16
                    | (data[i + 3] & 0xff) << 24;
            h = mixHash(h, mixKey(k));
        }
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[blocks + 2] & 0xff) << 16;
            // fall through
            case 2:
                k ^= (data[blocks + 1] & 0xff) << 8;
            // fall through
            case 1:
                k ^= data[blocks] & 0xff;
                h ^= mixKey(k);
            // fall through
            default:
        }
        return finish(h ^ data.length);
    }

    /** The hash of the UTF-8 bytes of {@code group + ":" + id}, encoded on the fly. */
    public static int hash32(String group, String id, int seed) {
        int h = seed;
        int k = 0;
        int n = 0;
        for (int part = 0; part < 3; part++) {
            String s = part == 0 ? group : part == 1 ? ":" : id;
            int length = s.length();
            for (int i = 0; i < length; i++) {
                int c = s.charAt(i);
                int encoded;
                int count;
                if (c < 0x80) {
                    encoded = c;
                    count = 1;
                } else if (c < 0x800) {
                    encoded = (0xc0 | c >>> 6) | (0x80 | c & 0x3f) << 8;
                    count = 2;
                } else if (Character.isHighSurrogate((char) c)
                        && i + 1 < length
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint((char) c, s.charAt(++i));
                    encoded = (0xf0 | cp >>> 18)
                            | (0x80 | (cp >>> 12) & 0x3f) << 8
                            | (0x80 | (cp >>> 6) & 0x3f) << 16
                            | (0x80 | cp & 0x3f) << 24;
                    count = 4;
                } else if (Character.isSurrogate((char) c)) {
                    // A lone surrogate has no UTF-8 form; String.getBytes(UTF_8) writes '?' for it, and so do we.
                    encoded = '?';
                    count = 1;
                } else {
                    encoded = (0xe0 | c >>> 12) | (0x80 | (c >>> 6) & 0x3f) << 8 | (0x80 | c & 0x3f) << 16;
                    count = 3;
                }
                for (int b = 0; b < count; b++) {
                    k |= ((encoded >>> (8 * b)) & 0xff) << (8 * (n & 3));
                    n++;
                    if ((n & 3) == 0) {
                        h = mixHash(h, mixKey(k));
                        k = 0;
                    }
                }
            }
        }
        if ((n & 3) != 0) {
            h ^= mixKey(k);
        }
        return finish(h ^ n);
    }

    private static int mixKey(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixHash(int h, int k) {
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
