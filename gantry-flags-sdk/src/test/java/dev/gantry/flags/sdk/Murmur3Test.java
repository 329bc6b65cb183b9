package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Murmur3Test {

    /** Published vectors of MurmurHash3_x86_32: bytes as hex, seed, hash. */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({
        "'', 0x00000000, 0x00000000",
        "'', 0x00000001, 0x514E28B7",
        "'', 0xffffffff, 0x81F16F39",
        "00000000, 0x00000000, 0x2362F9DE",
        "000000, 0x00000000, 0x85F0B427",
        "0000, 0x00000000, 0x30F4C306",
        "00, 0x00000000, 0x514E28B7",
        "ffffffff, 0x00000000, 0x76293B50",
        "21436587, 0x00000000, 0xF55B516B",
        "21436587, 0x5082EDEE, 0x2362F9DE",
        "214365, 0x00000000, 0x7E4A8634",
        "2143, 0x00000000, 0xA0F7B07A",
        "21, 0x00000000, 0x72661CF4",
    })
    void matchesTheReferenceVectors(String hex, String seed, String expected) {
        assertThat(Murmur3.hash32(bytes(hex), Integer.parseUnsignedInt(seed.substring(2), 16)))
                .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
        "a, 0x7FA09EA6",
        "aa, 0x5D211726",
        "aaa, 0x283E0130",
        "aaaa, 0x5A97808A",
        "ab, 0x74875592",
        "abc, 0xC84A62DD",
        "abcd, 0xF0478627",
        "'Hello, world!', 0x24884CBA",
        "The quick brown fox jumps over the lazy dog, 0x2FA826CD",
    })
    void matchesTheReferenceVectorsForTextWithSeed9747b28c(String text, String expected) {
        assertThat(Murmur3.hash32(text.getBytes(StandardCharsets.UTF_8), 0x9747b28c))
                .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
    }

    /**
     * SMHasher's verification value for MurmurHash3_x86_32: hash keys {0}, {0,1}, ... {0..254} with seed 256 - length,
     * hash the 256 results (little-endian) with seed 0, and read the result: 0xB0F57EE3.
     */
    @Test
    void passesSmhashersVerification() {
        byte[] key = new byte[256];
        byte[] hashes = new byte[256 * 4];
        for (int i = 0; i < 256; i++) {
            key[i] = (byte) i;
            byte[] prefix = java.util.Arrays.copyOf(key, i);
            int h = Murmur3.hash32(prefix, 256 - i);
            hashes[i * 4] = (byte) h;
            hashes[i * 4 + 1] = (byte) (h >>> 8);
            hashes[i * 4 + 2] = (byte) (h >>> 16);
            hashes[i * 4 + 3] = (byte) (h >>> 24);
        }
        assertThat(Murmur3.hash32(hashes, 0)).isEqualTo(0xB0F57EE3);
    }

    /** The allocation-free form encodes UTF-8 itself: it must agree with the JDK's encoder on any text. */
    @Test
    void theTwoStringFormHashesTheUtf8OfGroupColonId() {
        SplittableRandom random = new SplittableRandom(20261207);
        String[] alphabet = {"a", "Z", "9", ":", "é", "ß", "€", "ユ", "😀", "\u0000", "\uD800", "\uDC00x", " "};
        for (int i = 0; i < 5000; i++) {
            String group = text(random, alphabet);
            String id = text(random, alphabet);
            int seed = random.nextInt();
            byte[] utf8 = (group + ":" + id).getBytes(StandardCharsets.UTF_8);
            assertThat(Murmur3.hash32(group, id, seed)).as("%s:%s", group, id).isEqualTo(Murmur3.hash32(utf8, seed));
        }
    }

    private static String text(SplittableRandom random, String[] alphabet) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }

    private static byte[] bytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
