package io.sluice.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.schema.TableId;
import io.sluice.core.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Schemas built from FULL row metadata, on hand-built table maps. */
class FullMetadataSchemasTest {
    private static final TableId TABLE = new TableId("app", "t");
    private static final TableSchemaProvider NO_FALLBACK = new TableSchemaProvider() {
        @Override
        public TableSchema schemaOf(TableId table, TableMapEventData tableMap) {
            throw new AssertionError("fallback used");
        }

        @Override
        public void onDdl(io.sluice.core.event.DdlEvent ddl) { }
    };

    @Test
    void unknownCollationIdIsATypedErrorNamingTheColumn() {
        FullMetadataSchemas schemas = new FullMetadataSchemas(Map.of(45, "utf8mb4"), Map.of(45, "utf8mb4_general_ci"), NO_FALLBACK);
        assertThat(schemas.schemaOf(TABLE, tableMap(45)).columns().get(1).charset()).isEqualTo("utf8mb4");
        assertThatThrownBy(() -> schemas.schemaOf(TABLE, tableMap(2047)))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                    assertThat(e.getMessage()).contains("name", "app", "collation id 2047");
                    assertThat(e.fix()).isNotBlank();
                });
    }

    private static TableMapEventData tableMap(int collation) {
        TableMapEventData tableMap = new TableMapEventData();
        tableMap.setDatabase("app");
        tableMap.setTable("t");
        tableMap.setColumnTypes(new byte[] {(byte) ColumnType.LONG.getCode(), (byte) ColumnType.VARCHAR.getCode()});
        tableMap.setColumnMetadata(new int[] {0, 40});
        tableMap.setColumnNullability(new BitSet());
        TableMapEventMetadata metadata = new TableMapEventMetadata();
        metadata.setColumnNames(List.of("id", "name"));
        metadata.setSignedness(new BitSet());
        metadata.setColumnCharsets(List.of(collation));
        tableMap.setEventMetadata(metadata);
        return tableMap;
    }
}
