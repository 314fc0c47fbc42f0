package dev.descent.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFieldTest {

    @Test
    void plain_text_stays_as_it_is_and_anything_that_would_split_a_row_is_quoted() {
        assertThat(CsvField.of("resnet50-lr3e-4")).isEqualTo("resnet50-lr3e-4");
        assertThat(CsvField.of("lr=3e-4, bs=64")).isEqualTo("\"lr=3e-4, bs=64\"");
        assertThat(CsvField.of("the \"good\" one")).isEqualTo("\"the \"\"good\"\" one\"");
        assertThat(CsvField.of("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvField.of("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }
}
