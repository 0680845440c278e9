package io.cardmint.card;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's partitions start at once and each stores the order's formats: they must all get the
 * one row, and the race must not surface as an error (the driver logs every error it receives).
 */
@ExtendWith(OutputCaptureExtension.class)
class CodeFormatsTests extends MariaDbApplicationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CodeFormats codeFormats;

	@Autowired
	JdbcClient client;

	@Autowired
	JsonMapper json;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void concurrentFirstUsesOfAFormatShareOneRowWithoutAnError(CapturedOutput output) throws Exception {
		String format = "{\"length\":13,\"prefix\":\"RACE-" + System.nanoTime() + "\",\"numbers\":true}";
		int threads = 8;
		// Each thread its own CodeFormats, as each process of a remote order has: no shared cache.
		List<CodeFormats> processes = IntStream.range(0, threads)
			.mapToObj((i) -> new CodeFormats(this.client, this.json, this.transactions))
			.toList();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Long>> ids = processes.stream().map((formats) -> pool.submit(() -> {
				start.await();
				return formats.idOf(format);
			})).toList();
			start.countDown();
			List<Long> got = ids.stream().map(CodeFormatsTests::get).toList();

			assertThat(got).hasSize(threads).containsOnly(got.get(0));
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM code_format WHERE format = ?", Long.class,
					format)).isOne();
			assertThat(this.codeFormats.idOf(format)).isEqualTo(got.get(0));
			assertThat(output.getAll()).doesNotContain("Duplicate entry");
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Long get(Future<Long> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
