package io.cardmint.order.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cardmint.order.ListedCardStager;
import io.cardmint.order.Order;
import io.cardmint.order.OrderIntake;
import io.cardmint.support.MariaDbApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generation step's reader, alone: a partition starts after the cards already committed
 * for its range — found in the database when the reader opens, whatever the step's saved
 * context says — for counted and for listed orders (whose reader pages through the staged ids).
 */
@SpringBatchTest
class CardSlotReaderTests extends MariaDbApplicationTest {

	@Autowired
	OrderIntake intake;

	@Autowired
	ListedCardStager stager;

	@Autowired
	PartitionReader cardSlotReader;

	@Autowired
	JdbcTemplate jdbc;

	/** The test database is shared with other tests of the run: leave no order or card behind. */
	@AfterEach
	void removeOrders() {
		this.jdbc.update("DELETE FROM order_card WHERE order_id IN (SELECT id FROM card_order WHERE order_ref LIKE 'READER-%')");
		this.jdbc.update("DELETE FROM card WHERE order_ref LIKE 'READER-%'");
		this.jdbc.update("DELETE FROM card_order WHERE order_ref LIKE 'READER-%'");
	}

	@Test
	void aCountedPartitionStartsAfterItsCommittedCards() throws Exception {
		Order order = accept("READER-RANGE", "T00000201", false, 300);
		commit(order, 100, 130);
		List<CardSlot> read = readPartition(order, 100, 200);
		assertThat(read).hasSize(70);
		assertThat(read.get(0).index()).isEqualTo(130);
		assertThat(read.get(0).cardId()).isEqualTo("RDR-00000131");
		assertThat(read.get(69).index()).isEqualTo(199);
	}

	@Test
	void aListedPartitionStartsAfterItsCommittedCardsAcrossPages() throws Exception {
		Order order = accept("READER-LIST", "T00000202", true, 2600);
		commit(order, 0, 1500);
		List<CardSlot> read = readPartition(order, 0, 2500);
		assertThat(read).hasSize(1000);
		assertThat(read).extracting(CardSlot::index).startsWith(1500L, 1501L).endsWith(2499L);
		assertThat(read.get(0).cardId()).isEqualTo("RDR-00001501");
	}

	@Test
	void aPartitionWithEveryCardCommittedReadsNothing() throws Exception {
		Order order = accept("READER-DONE", "T00000203", false, 50);
		commit(order, 0, 50);
		assertThat(readPartition(order, 0, 50)).isEmpty();
	}

	/** Reads the partition [from, to) through the step-scoped reader bean, as a step would. */
	private List<CardSlot> readPartition(Order order, long from, long to) throws Exception {
		ExecutionContext range = new ExecutionContext();
		range.putLong(CardRangePartitioner.FROM, from);
		range.putLong(CardRangePartitioner.TO, to);
		// A stale saved position, as a failed chunk can leave: the reader must not trust it.
		range.putInt("cardRange.read.count", 5);
		StepExecution step = MetaDataInstanceFactory.createStepExecution(
				new JobParametersBuilder().addLong(OrderJobConfiguration.ORDER_ID, order.id()).toJobParameters());
		step.setExecutionContext(range);
		return StepScopeTestUtils.doInStepScope(step, () -> {
			List<CardSlot> slots = new ArrayList<>();
			this.cardSlotReader.open(range);
			for (CardSlot slot = this.cardSlotReader.read(); slot != null; slot = this.cardSlotReader.read()) {
				slots.add(slot);
			}
			this.cardSlotReader.close();
			return slots;
		});
	}

	private Order accept(String ref, String account, boolean listed, int count) throws Exception {
		StringBuilder cards = new StringBuilder();
		if (listed) {
			cards.append("\"cards\": [");
			for (int i = 0; i < count; i++) {
				cards.append((i > 0) ? "," : "").append("{\"card_id\": \"RDR-%08d\", \"type\": \"gift_card\"}".formatted(i + 1));
			}
			cards.append("],");
		}
		else {
			cards.append("\"count\": %d, \"card_id\": {\"prefix\": \"RDR-\", \"start\": 1, \"digits\": 8},".formatted(count));
		}
		Path manifest = Files.writeString(Files.createTempFile(DATA_DIR, ref, ".json"), """
				{"order_ref": "%s", "account_id": "%s", "manufacturer": "demo", "type": "gift_card", %s
				 "options": {"card_token": {"format": {"length": 16, "numbers": true}}}, "print": {}}
				""".formatted(ref, account, cards));
		Order order = this.intake.accept(manifest);
		if (listed) {
			this.stager.stage(order); // the job's first step, which these tests do not run
		}
		return order;
	}

	/** Card rows for indexes [from, to) of the order, as committed chunks leave them. */
	private void commit(Order order, long from, long to) {
		List<Object[]> rows = new ArrayList<>();
		for (long i = from; i < to; i++) {
			byte[] hash = new byte[32];
			UUID random = UUID.randomUUID();
			java.nio.ByteBuffer.wrap(hash).putLong(random.getMostSignificantBits()).putLong(random.getLeastSignificantBits());
			rows.add(new Object[] { UUID.randomUUID().toString(), order.accountId(), "RDR-%08d".formatted(i + 1), order.orderRef(),
					i, hash });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO card (id, account_id, card_id, type, status, created_at, created_by, updated_at, order_ref,
					card_index, token_attempt, token_format_id, token_hash, hash_key_id)
				VALUES (?, ?, ?, 'gift_card', 'inactive', NOW(6), 'test', NOW(6), ?, ?, 0, 0, ?, 'test0000')""", rows);
	}

}
