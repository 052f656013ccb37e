package io.sluice.core.task;

import io.sluice.core.config.Secret;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointTest
{
    private static final Endpoint.Tls CA_ONLY = new Endpoint.Tls(Optional.of("/etc/ca.pem"), Optional.empty(), Optional.empty(), List.of());

    @Test
    void testConvenienceConstructor()
    {
        Endpoint endpoint = new Endpoint("h", 3306, "u", new Secret("p"));
        assertThat(endpoint.session()).isEmpty();
        assertThat(endpoint.tls()).isEmpty();
        assertThat(endpoint).isEqualTo(new Endpoint("h", 3306, "u", new Secret("p"), Map.of(), Optional.empty()));
    }

    @Test
    void testSessionKeepsOrderAndIsImmutable()
    {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("sql_log_bin", "0");
        session.put("lock_wait_timeout", "50");
        session.put("innodb_lock_wait_timeout", "5");
        Endpoint endpoint = new Endpoint("h", 3306, "u", new Secret("s3cret"), session, Optional.of(CA_ONLY));
        session.put("later", "x");
        assertThat(endpoint.session()).containsExactly(
                Map.entry("sql_log_bin", "0"), Map.entry("lock_wait_timeout", "50"), Map.entry("innodb_lock_wait_timeout", "5"));
        assertThatThrownBy(() -> endpoint.session().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(endpoint.toString()).isEqualTo("u@h:3306").doesNotContain("s3cret");
    }

    @Test
    void testSessionValidation()
    {
        assertThatThrownBy(() -> endpoint(Map.of("sql-mode", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session variable name is not an identifier: 'sql-mode'");
        assertThatThrownBy(() -> endpoint(Map.of("a; DROP TABLE t", "x")))
                .hasMessage("session variable name is not an identifier: 'a; DROP TABLE t'");
        assertThatThrownBy(() -> endpoint(Map.of("TIME_ZONE", "+08:00")))
                .hasMessage("session variable 'TIME_ZONE' is set by Sluice itself");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("wait_timeout", "1");
        twice.put("WAIT_TIMEOUT", "2");
        assertThatThrownBy(() -> endpoint(twice))
                .hasMessage("session variable 'WAIT_TIMEOUT' is set twice");
        assertThat(Endpoint.isVariableName("_x1")).isTrue();
        assertThat(Endpoint.isVariableName("1x")).isFalse();
        assertThat(Endpoint.isVariableName("@@x")).isFalse();
    }

    @Test
    void testTlsValidation()
    {
        Endpoint.Tls mutual = new Endpoint.Tls(Optional.of("ca.pem"), Optional.of("cert.pem"), Optional.of("key.pem"), List.of("tidb"));
        assertThat(mutual.allowedCommonNames()).containsExactly("tidb");
        assertThatThrownBy(() -> new Endpoint.Tls(Optional.empty(), Optional.empty(), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS needs a CA certificate or a client certificate and key");
        assertThatThrownBy(() -> new Endpoint.Tls(Optional.of("ca.pem"), Optional.of("cert.pem"), Optional.empty(), List.of()))
                .hasMessage("a client certificate needs its private key and the other way round");
        assertThatThrownBy(() -> new Endpoint.Tls(Optional.of(" "), Optional.empty(), Optional.empty(), List.of()))
                .hasMessage("a TLS file path is blank");
        assertThatThrownBy(() -> new Endpoint.Tls(Optional.of("ca.pem"), Optional.empty(), Optional.empty(), List.of("")))
                .hasMessage("an allowed Common Name is blank");
    }

    private static Endpoint endpoint(Map<String, String> session)
    {
        return new Endpoint("h", 3306, "u", new Secret("p"), session, Optional.empty());
    }
}
