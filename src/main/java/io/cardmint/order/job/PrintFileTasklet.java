package io.cardmint.order.job;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.cardmint.code.CardSecrets;
import io.cardmint.code.KeyedHashes;
import io.cardmint.manufacturer.Manufacturers;
import io.cardmint.order.Order;
import io.cardmint.order.Orders;
import io.cardmint.print.PrintFileWriter;
import io.cardmint.print.PrintRecord;
import io.cardmint.print.PrintedFile;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the order's encrypted print file(s) from the database alone: each card's token and
 * PIN are derived again from the batch secret and the stored attempt, checked against the
 * stored hash, and streamed through OpenPGP. A restart throws away what a failed run left and
 * rebuilds from scratch; nothing is held per card, so memory does not grow with the order.
 */
class PrintFileTasklet implements Tasklet {

	/**
	 * An order's cards in card order. card_order_idx holds every column read here (V14): one
	 * ordered read of the index, neither a table scan nor a sort.
	 */
	static final String CARDS_IN_CARD_ORDER = """
			SELECT card_id, card_index, token_attempt, token_hash FROM card
			WHERE account_id = ? AND order_ref = ? ORDER BY card_index""";

	private final Order order;

	private final CardMinter minter;

	private final KeyedHashes hashes;

	private final JdbcTemplate jdbc;

	private final Orders orders;

	private final Manufacturers manufacturers;

	private final Path outbox;

	PrintFileTasklet(Order order, CardMinter minter, KeyedHashes hashes, JdbcTemplate jdbc, Orders orders,
			Manufacturers manufacturers, Path outbox) {
		this.order = order;
		this.minter = minter;
		this.hashes = hashes;
		this.jdbc = jdbc;
		this.orders = orders;
		this.manufacturers = manufacturers;
		this.outbox = outbox;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		PrintFileWriter.deleteOutputs(this.outbox, this.order.orderRef());
		boolean barcode = this.order.tokenFormat().barcodeRequested();
		List<String> extraNames = new ArrayList<>(this.order.print().keySet());
		List<String> extraValues = new ArrayList<>(this.order.print().values());
		long[] written = { 0 };
		// Resolve the step-scoped minter before the card rows stream: its first use queries the
		// database on this thread's connection, and a query while a result streams makes the
		// driver buffer all remaining rows (about 80 MB per million cards).
		CardMinter minter = this.minter.resolved();
		try (PrintFileWriter writer = PrintFileWriter.open(this.outbox, this.order.orderRef(), extraNames, barcode,
				this.manufacturers.printSettings(this.order.manufacturer()))) {
			this.jdbc.query(CARDS_IN_CARD_ORDER, (rs) -> {
				String cardId = rs.getString(1);
				CardSecrets secrets = minter.secretsOf(rs.getLong(2), rs.getInt(3));
				if (!MessageDigest.isEqual(rs.getBytes(4), this.hashes.tokenHash(this.order.accountId(), secrets.token()))) {
					throw new IllegalStateException("card " + cardId + " of order " + this.order.orderRef()
							+ " does not match its stored hash (wrong master key?); refusing to print");
				}
				writer.write(new PrintRecord(cardId, secrets.token(), secrets.pin(), barcode ? secrets.token() : null),
						extraValues);
				written[0]++;
			}, this.order.accountId(), this.order.orderRef());
			if (written[0] != this.order.cardCount()) {
				throw new IllegalStateException("order " + this.order.orderRef() + " has " + written[0] + " of "
						+ this.order.cardCount() + " cards; refusing to print an incomplete file");
			}
			List<PrintedFile> files = writer.finish();
			this.orders.recordPrintFiles(this.order.id(), files);
			contribution.incrementWriteCount(written[0]);
		}
		return RepeatStatus.FINISHED;
	}

}
