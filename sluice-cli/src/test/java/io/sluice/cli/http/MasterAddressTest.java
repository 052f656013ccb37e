package io.sluice.cli.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterAddressTest
{
    @Test
    void hostAndPortBecomeAnHttpUri()
    {
        assertThat(MasterAddress.parse("172.16.30.14:8261").resolve("/api/v1/status").toString()).isEqualTo("http://172.16.30.14:8261/api/v1/status");
        assertThat(MasterAddress.parse("[::1]:8261").resolve("/x").toString()).isEqualTo("http://[::1]:8261/x");
        assertThat(MasterAddress.parse("https://master.example:443/").resolve("/x").toString()).isEqualTo("https://master.example:443/x");
    }

    @Test
    void rejectsNonAddresses()
    {
        assertThatThrownBy(() -> MasterAddress.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MasterAddress.parse("a b:1")).hasMessageContaining("is not a master address");
    }
}
