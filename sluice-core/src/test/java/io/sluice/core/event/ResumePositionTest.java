package io.sluice.core.event;

import io.sluice.core.position.FilePosition;
import io.sluice.core.position.MariaDbGtidList;
import io.sluice.core.position.MySqlGtidSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumePositionTest
{
    private static final FilePosition FILE = new FilePosition("mysql-bin.000003", 1234);

    @Test
    void testWithoutGtid()
    {
        ResumePosition position = new ResumePosition(FILE, null);
        assertThat(position.file()).isEqualTo(FILE);
        assertThat(position.gtid()).isNull();
        assertThat(position.gtidPosition()).isEmpty();
        assertThat(position.toString()).isEqualTo("mysql-bin.000003:1234");
    }

    @Test
    void testWithMySqlGtidSet()
    {
        MySqlGtidSet gtids = MySqlGtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        ResumePosition position = new ResumePosition(FILE, gtids);
        assertThat(position.gtidPosition()).containsSame(gtids);
        assertThat(position.toString()).isEqualTo("mysql-bin.000003:1234 gtid=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
    }

    @Test
    void testWithMariaDbGtidList()
    {
        MariaDbGtidList gtids = MariaDbGtidList.parse("0-1-100");
        ResumePosition position = new ResumePosition(FILE, gtids);
        assertThat(position.gtidPosition()).containsSame(gtids);
        assertThat(position.toString()).isEqualTo("mysql-bin.000003:1234 gtid=0-1-100");
    }

    @Test
    void testFileRequired()
    {
        assertThatThrownBy(() -> new ResumePosition(null, MySqlGtidSet.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("file is null");
    }

    @Test
    void testEquality()
    {
        assertThat(new ResumePosition(FILE, null)).isEqualTo(new ResumePosition(new FilePosition("mysql-bin.000003", 1234), null));
        assertThat(new ResumePosition(FILE, null)).isNotEqualTo(new ResumePosition(FILE, MySqlGtidSet.empty()));
        assertThat(new ResumePosition(FILE, null)).isNotEqualTo(new ResumePosition(new FilePosition("mysql-bin.000003", 4), null));
    }
}
