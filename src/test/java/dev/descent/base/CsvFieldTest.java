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

    @Test
    void a_text_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        assertThat(CsvField.of("=HYPERLINK(\"http://evil\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"");
        assertThat(CsvField.of("+1+2")).isEqualTo("'+1+2");
        assertThat(CsvField.of("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvField.of("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvField.of("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvField.of("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvField.of("a=b")).as("only a leading sign matters").isEqualTo("a=b");
        assertThat(CsvField.of("")).isEmpty();
    }
}
