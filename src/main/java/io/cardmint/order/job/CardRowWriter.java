package io.cardmint.order.job;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.cardmint.card.Cards;
import io.cardmint.card.NewCard;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a chunk of cards in one batched insert. A token that collides with an earlier card
 * of the account, or with another card of the chunk, is derived again with the next attempt,
 * never dropped.
 *
 * <p>The unique key on the account's token hashes is what keeps tokens unique, across the
 * partitions of one process and across worker processes alike: the insert runs in a savepoint,
 * and a chunk that meets the key is checked against the database and drawn again (the chunk
 * transaction is READ COMMITTED, so the check sees the cards others committed meanwhile). In a
 * sparse token space (16 digits for a million cards) a collision is so rare that partitions
 * insert side by side. In a crowded one ({@link io.cardmint.code.CodeFormat#isCrowded})
 * collisions are common, and two chunks racing for the same free tokens could roll each other
 * back over and over or deadlock on the key; there each chunk first locks its account's order
 * rows (always in id order, so writers never deadlock) and the partitions take turns.
 */
class CardRowWriter implements ItemWriter<MintedCard> {

	private static final int MAX_RACES = 10;

	private final CardMinter minter;

	private final Cards cards;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate savepoint;

	private final boolean takeTurns;

	private boolean collisionsSeen;

	CardRowWriter(CardMinter minter, Cards cards, JdbcTemplate jdbc, PlatformTransactionManager transactions,
			boolean takeTurns) {
		this.minter = minter;
		this.takeTurns = takeTurns;
		this.cards = cards;
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public void write(Chunk<? extends MintedCard> chunk) {
		List<MintedCard> batch = new ArrayList<>(chunk.getItems());
		if (batch.isEmpty()) {
			return;
		}
		if (this.takeTurns) {
			this.jdbc.queryForList("SELECT id FROM card_order WHERE account_id = ? ORDER BY id FOR UPDATE", Long.class,
					batch.get(0).row().accountId());
		}
		// Until this writer has met a collision, the unique key alone checks the tokens: asking
		// the database first would look every hash up twice. In a crowded token space the check
		// comes first, so that a chunk is not inserted and rolled back over and over.
		redrawCollisions(batch, this.collisionsSeen);
		for (int race = 0;; race++) {
			try {
				this.savepoint.executeWithoutResult((status) -> insert(batch));
				return;
			}
			catch (DuplicateKeyException ex) {
				this.collisionsSeen = true;
				if (race == MAX_RACES || !redrawCollisions(batch, true)) {
					throw new IllegalStateException("a card_id of order " + batch.get(0).row().orderRef()
							+ " is already used in the account (taken after the order was accepted?)", ex);
				}
			}
		}
	}

	private void insert(List<MintedCard> batch) {
		this.cards.insert(batch.stream().map(MintedCard::row).toList());
	}

	/**
	 * Draws the next attempt for every card whose token repeats one earlier in the chunk or,
	 * when asked, one already stored; until none does. Returns whether any card changed.
	 */
	private boolean redrawCollisions(List<MintedCard> batch, boolean checkDatabase) {
		boolean changed = false;
		while (true) {
			Set<Integer> colliding = new TreeSet<>();
			Set<ByteBuffer> seen = new HashSet<>();
			for (int i = 0; i < batch.size(); i++) {
				if (!seen.add(ByteBuffer.wrap(batch.get(i).row().tokenHash()))) {
					colliding.add(i);
				}
			}
			if (checkDatabase) {
				Set<ByteBuffer> taken = this.cards.existingTokenHashes(batch.get(0).row().accountId(),
						batch.stream().map(MintedCard::row).map(NewCard::tokenHash).toList());
				for (int i = 0; i < batch.size(); i++) {
					if (taken.contains(ByteBuffer.wrap(batch.get(i).row().tokenHash()))) {
						colliding.add(i);
					}
				}
			}
			if (colliding.isEmpty()) {
				return changed;
			}
			for (int i : colliding) {
				MintedCard card = batch.get(i);
				batch.set(i, this.minter.mint(card.slot(), card.attempt() + 1));
			}
			changed = true;
		}
	}

}
