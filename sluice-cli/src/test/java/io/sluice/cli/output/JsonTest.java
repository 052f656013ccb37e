package io.sluice.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest
{
    @Test
    void printsLikeDmctl()
            throws Exception
    {
        JsonNode node = Json.mapper().readTree("{\"result\":true,\"msg\":\"\",\"n\":1.50,\"o\":{},\"a\":[1,{\"b\":null}]}");

        assertThat(Json.pretty(node)).isEqualTo("""
                {
                    "result": true,
                    "msg": "",
                    "n": 1.50,
                    "o": {},
                    "a": [
                        1,
                        {
                            "b": null
                        }
                    ]
                }""");
    }

    @Test
    void redactsPasswordFieldsOnly()
            throws Exception
    {
        JsonNode node = Json.mapper().readTree("{\"password\":\"p\",\"Password\":\"q\",\"passwordless\":\"keep\",\"x\":[{\"mysql_password\":\"r\"}],\"pwd\":\"\"}");

        assertThat(PasswordRedactor.redact(node).toString())
                .isEqualTo("{\"password\":\"******\",\"Password\":\"******\",\"passwordless\":\"keep\",\"x\":[{\"mysql_password\":\"******\"}],\"pwd\":\"\"}");
    }
}
