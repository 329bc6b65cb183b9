package dev.gantry.flags.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketsTest {

    /** Unleash's own cross-client vectors (Node, Java and Go clients agree on them). */
    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource({"gr1, 123, 73", "groupX, 999, 25"})
    void rolloutBucketsMatchUnleashsVectors(String group, String id, int bucket) {
        assertThat(Buckets.rollout(group, id)).isEqualTo(bucket);
    }

    /** From the definition: the unsigned murmur3 of the UTF-8 bytes of "group:id", modulo, plus one. */
    @Test
    void aBucketIsTheUnsignedHashModuloPlusOne() {
        long unsigned =
                Integer.toUnsignedLong(Murmur3.hash32("gr1:123".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));
        assertThat(Buckets.rollout("gr1", "123")).isEqualTo((int) (unsigned % 100) + 1);
        long variant = Integer.toUnsignedLong(
                Murmur3.hash32("flag:user-7".getBytes(java.nio.charset.StandardCharsets.UTF_8), Buckets.VARIANT_SEED));
        assertThat(Buckets.normalized("flag", "user-7", 1000, Buckets.VARIANT_SEED))
                .isEqualTo((int) (variant % 1000) + 1);
    }

    @Test
    void bucketsSpreadEvenlyOverOneToHundred() {
        int[] counts = new int[101];
        for (int i = 0; i < 100_000; i++) {
            counts[Buckets.rollout("spread", "user-" + i)]++;
        }
        assertThat(counts[0]).isZero();
        for (int bucket = 1; bucket <= 100; bucket++) {
            assertThat(counts[bucket]).as("bucket %d", bucket).isBetween(850, 1150);
        }
    }
}
