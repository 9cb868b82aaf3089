package dev.podlab.app.error;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Bodies mean what the OpenAPI document says, or are refused (400): a key given twice is ambiguous,
 * and an integer field takes a JSON integer (20.0 and 2e1 are integers too), not 2.5, "5" or true;
 * Jackson alone would round the one and parse the others.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule().addDeserializer(Integer.class, new StrictInteger()));
    }

    private static final class StrictInteger extends StdDeserializer<Integer> {

        StrictInteger() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getIntValue(); // out of int range: an exception, so a 400
            }
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = p.getDecimalValue();
                try {
                    return value.intValueExact();
                } catch (ArithmeticException e) {
                    throw ctx.weirdNumberException(value, Integer.class, "not an integer");
                }
            }
            return (Integer) ctx.handleUnexpectedToken(Integer.class, p);
        }
    }
}
