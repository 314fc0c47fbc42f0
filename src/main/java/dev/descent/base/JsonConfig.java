package dev.descent.base;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * A diverged run logs NaN and Infinity. Python's json module writes and reads them as bare literals
 * ({@code NaN}, {@code Infinity}, {@code -Infinity}), so the API accepts and answers them the same way.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer nonFiniteNumbersAsPythonLiterals() {
        return builder -> builder
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
    }
}
