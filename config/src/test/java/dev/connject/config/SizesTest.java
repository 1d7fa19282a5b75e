package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void aBareNumberIsBytes() {
        assertThat(Sizes.parse("1500")).isEqualTo(1500);
        assertThat(Sizes.parse("0")).isZero();
    }

    @Test
    void unitsArePowersOf1024() {
        assertThat(Sizes.parse("4KB")).isEqualTo(4 * 1024);
        assertThat(Sizes.parse("64MB")).isEqualTo(64L * 1024 * 1024);
        assertThat(Sizes.parse("2GB")).isEqualTo(2L * 1024 * 1024 * 1024);
    }

    @Test
    void otherSpellingsAreRefused() {
        for (String text : new String[] {"64mb", "64 MB", "64M", "1.5GB", "-1", "", "MB"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> Sizes.parse(text)).withMessage("bad size '" + text
                    + "'; write a number of bytes, or a whole number with KB, MB or GB, such as 64MB");
        }
    }

    @Test
    void aSizeBeyondSixtyFourBitsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sizes.parse("9999999999999GB"))
                .withMessage("size '9999999999999GB' is too large");
    }
}
