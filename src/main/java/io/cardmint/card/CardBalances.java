package io.cardmint.card;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.DomainException;

import org.springframework.stereotype.Service;

/**
 * A card's money as payments change it: the only way into the card row for the payment
 * package. Every method runs inside the caller's database transaction, after (or while)
 * taking the card's row lock; each movement is checked arithmetic ({@link Amounts}) and
 * moves the status the one way {@link CardStatus} allows. The caller writes the ledger row
 * of each movement in the same transaction.
 */
@Service
public class CardBalances {

	private final Cards cards;

	private final TemporaryTokens tokens;

	CardBalances(Cards cards, TemporaryTokens tokens) {
		this.cards = cards;
		this.tokens = tokens;
	}

	/**
	 * Locks the card a token names: its own token, or a temporary token of it. A token past its
	 * expiry is refused ({@code token_expired}); a single-use token that already paid still
	 * finds its card for a lookup ({@code forPayment} false) but pays no more
	 * ({@code token_used}).
	 */
	public Optional<PayingCard> lockByToken(String accountId, byte[] tokenHash, boolean forPayment, Instant now) {
		Optional<Cards.TokenHit> own = this.cards.lockByTokenHash(accountId, tokenHash);
		if (own.isPresent()) {
			Cards.TokenHit hit = own.get();
			if (hit.tokenExpiresAt() != null && !now.isBefore(hit.tokenExpiresAt())) {
				throw tokenExpired();
			}
			if (forPayment && hit.singleUse() && hit.spent()) {
				throw tokenUsed();
			}
			return Optional.of(hit.card().foundBy(null, hit.singleUse()));
		}
		Optional<TemporaryToken> temporary = this.tokens.findByHash(accountId, tokenHash);
		if (temporary.isEmpty()) {
			return Optional.empty();
		}
		PayingCard card = this.cards.lock(temporary.get().cardUuid());
		// Read again under the card's lock: a concurrent payment may just have spent it.
		TemporaryToken token = this.tokens.findByHash(accountId, tokenHash).orElseThrow();
		if (token.expired(now)) {
			throw tokenExpired();
		}
		if (forPayment && token.spent()) {
			throw tokenUsed();
		}
		return Optional.of(card.foundBy(token.id(), token.expiresAfterTransaction()));
	}

	public Optional<PayingCard> lockByCardId(String accountId, String cardId) {
		return this.cards.lockByCardId(accountId, cardId);
	}

	public PayingCard lock(UUID id) {
		return this.cards.lock(id);
	}

	/** Money put on the card. */
	public PayingCard fund(PayingCard card, long amount, Instant now) {
		return write(card.withMoney(Amounts.addToBalance(card.balance(), amount), card.reservedAmount(),
				Amounts.addToTotal(card.amountFunds(), amount), card.amountDrawdown(), card.status()), now);
	}

	/** Money taken off the card at once; the caller checked that it is available. */
	public PayingCard drawDown(PayingCard card, long amount, Instant now) {
		requireAvailable(card, amount);
		return write(card.withMoney(card.balance() - amount, card.reservedAmount(),
				card.amountFunds(), Amounts.addToTotal(card.amountDrawdown(), amount), card.status().afterSpending()),
				now);
	}

	/** Money held for a pending drawdown; the caller checked that it is available. */
	public PayingCard reserve(PayingCard card, long amount, Instant now) {
		requireAvailable(card, amount);
		return write(card.withMoney(card.balance(), card.reservedAmount() + amount, card.amountFunds(),
				card.amountDrawdown(), card.status()), now);
	}

	/**
	 * Settles a hold of {@code held}: {@code captured} of it leaves the card (0 for a void), the
	 * rest is released.
	 */
	public PayingCard settle(PayingCard card, long held, long captured, Instant now) {
		if (held > card.reservedAmount() || captured < 0 || captured > held) {
			throw new IllegalStateException("settling " + captured + " of " + held + " on " + card);
		}
		CardStatus status = (captured > 0) ? card.status().afterSpending() : card.status();
		return write(card.withMoney(card.balance() - captured, card.reservedAmount() - held, card.amountFunds(),
				Amounts.addToTotal(card.amountDrawdown(), captured), status), now);
	}

	/** Counts a wrong PIN; returns how many there are now in a row. */
	public int countWrongPin(PayingCard card) {
		int failed = card.failedPinAttempts() + 1;
		this.cards.setFailedPinAttempts(card, failed);
		return failed;
	}

	public void clearWrongPins(PayingCard card) {
		if (card.failedPinAttempts() != 0) {
			this.cards.setFailedPinAttempts(card, 0);
		}
	}

	/** After a payment by a single-use token: it pays no more. */
	public void spendToken(PayingCard card, Instant now) {
		if (!card.singleUseToken()) {
			return;
		}
		if (card.temporaryTokenId() != null) {
			this.tokens.spend(card.temporaryTokenId(), now);
		}
		else {
			this.cards.spendToken(card, now);
		}
	}

	private PayingCard write(PayingCard after, Instant now) {
		this.cards.updateMoney(after, now);
		return after;
	}

	private static void requireAvailable(PayingCard card, long amount) {
		if (amount < 0 || amount > card.availableBalance()) {
			throw new IllegalStateException("moving " + amount + " of " + card.availableBalance() + " on " + card);
		}
	}

	static DomainException tokenExpired() {
		return DomainException.conflict("token_expired", "this token has expired");
	}

	static DomainException tokenUsed() {
		return DomainException.conflict("token_used", "this token was for one transaction and has been used");
	}

}
