package io.cardmint.order.job;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.cardmint.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's pool holds a lock's and a chunk's connection for every partition it runs at once. */
class PartitionPoolTests {

	@Test
	void aRunningPoolTooSmallForItsConsumersIsRaisedAndServesThemAll() throws Exception {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(TestDatabase.url());
			pool.setUsername(TestDatabase.username());
			pool.setPassword(TestDatabase.password());
			pool.setMaximumPoolSize(10);
			pool.setConnectionTimeout(2000);
			try (Connection started = pool.getConnection()) {
				assertThat(started.isValid(1)).isTrue();
			}

			PartitionRequests.fitPool(pool, 8);

			assertThat(pool.getMaximumPoolSize()).isEqualTo(18);
			List<Connection> held = new ArrayList<>();
			try {
				for (int i = 0; i < 18; i++) {
					held.add(pool.getConnection());
				}
				assertThat(held).hasSize(18);
			}
			finally {
				for (Connection connection : held) {
					connection.close();
				}
			}
		}
	}

	@Test
	void aPoolLargeEnoughIsLeftAlone() {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setMaximumPoolSize(40);
			PartitionRequests.fitPool(pool, 8);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(40);
		}
	}

}
