package io.cardmint.order;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * never dropped. The unique key on (account, token hash) settles races between partitions:
 * the insert runs in a savepoint, and on a duplicate the chunk is checked again with a
 * locking read that sees the other partition's committed rows.
 */
class CardRowWriter implements ItemWriter<MintedCard> {

	private static final int MAX_RACES = 10;

	private final CardMinter minter;

	private final Cards cards;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate savepoint;

	CardRowWriter(CardMinter minter, Cards cards, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.minter = minter;
		this.cards = cards;
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public void write(Chunk<? extends MintedCard> chunk) {
		List<MintedCard> batch = new ArrayList<>(chunk.getItems());
		redrawCollisions(batch, false);
		for (int race = 0;; race++) {
			try {
				this.savepoint.executeWithoutResult((status) -> insert(batch));
				return;
			}
			catch (DuplicateKeyException ex) {
				if (race == MAX_RACES || !redrawCollisions(batch, true)) {
					throw new IllegalStateException("a card_id of order " + batch.get(0).row().orderRef()
							+ " is already used in the account (taken after the order was accepted?)", ex);
				}
			}
		}
	}

	private void insert(List<MintedCard> batch) {
		this.jdbc.batchUpdate(Cards.INSERT_SQL, batch, batch.size(), (ps, card) -> Cards.bindInsert(ps, card.row()));
	}

	/** Returns whether any card got a new token. */
	private boolean redrawCollisions(List<MintedCard> batch, boolean lockingRead) {
		boolean changed = false;
		while (true) {
			Set<ByteBuffer> seen = new HashSet<>();
			List<Integer> colliding = new ArrayList<>();
			for (int i = 0; i < batch.size(); i++) {
				if (!seen.add(ByteBuffer.wrap(batch.get(i).row().tokenHash()))) {
					colliding.add(i);
				}
			}
			Set<ByteBuffer> taken = taken(batch, lockingRead);
			for (int i = 0; i < batch.size(); i++) {
				if (taken.contains(ByteBuffer.wrap(batch.get(i).row().tokenHash())) && !colliding.contains(i)) {
					colliding.add(i);
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

	private Set<ByteBuffer> taken(List<MintedCard> batch, boolean lockingRead) {
		List<byte[]> hashes = batch.stream().map(MintedCard::row).map(NewCard::tokenHash).toList();
		if (!lockingRead) {
			return this.cards.existingTokenHashes(batch.get(0).row().accountId(), hashes);
		}
		Set<ByteBuffer> taken = new HashSet<>();
		String placeholders = String.join(", ", java.util.Collections.nCopies(hashes.size(), "?"));
		List<Object> params = new ArrayList<>();
		params.add(batch.get(0).row().accountId());
		params.addAll(hashes);
		this.jdbc.query("SELECT token_hash FROM card WHERE account_id = ? AND token_hash IN (" + placeholders
				+ ") FOR UPDATE", (rs) -> {
					taken.add(ByteBuffer.wrap(rs.getBytes(1)));
				}, params.toArray());
		return taken;
	}

}
