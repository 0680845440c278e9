package io.cardmint.payment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.cardmint.card.CardActivated;
import io.cardmint.card.CardStatus;
import io.cardmint.code.KeyedHashes;
import io.cardmint.web.ApiException;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying with cards. Every operation runs in one database transaction that first locks the
 * card row, so movements on one card are serial: a balance is checked and changed under the
 * same lock, and the ledger entry commits with the change.
 *
 * <p>Order of checks: card found (404) → locked (409) → PIN (by token only) → ref_id replay →
 * inactive → expired → not yet active (drawdowns only) → currency → available funds. A wrong
 * PIN is counted and committed even though the request is refused; a right PIN resets the
 * count. A replay is answered before the card's state is checked again, so a retry after the
 * card expired still gets its first result.
 *
 * <p>Status: a card goes {@code unused} → {@code active} with its first completed drawdown or
 * its first capture. Funds, pending drawdowns and voids leave the status as it is.
 */
@Service
class PaymentService {

	private final PaymentCards cards;

	private final Transactions transactions;

	private final Ledger ledger;

	private final KeyedHashes hashes;

	private final TransactionTemplate transaction;

	PaymentService(PaymentCards cards, Transactions transactions, Ledger ledger, KeyedHashes hashes,
			PlatformTransactionManager transactionManager) {
		this.cards = cards;
		this.transactions = transactions;
		this.ledger = ledger;
		this.hashes = hashes;
		// The card row lock serialises a card's movements; READ COMMITTED lets the reads that follow
		// the lock see what the previous holder committed.
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	TransactionView transact(String accountId, TransactionRequest request) {
		TransactionType type = TransactionType.of(request.type());
		if ((request.token() == null) == (request.cardId() == null)) {
			throw PaymentErrors.invalid("name the card by token or by card_id, not both and not neither");
		}
		if (request.isPending() && type != TransactionType.DRAWDOWN) {
			throw PaymentErrors.invalid("only a drawdown can be pending");
		}
		byte[] tokenHash = (request.token() != null) ? this.hashes.tokenHash(accountId, request.token()) : null;
		try {
			return inTransaction(() -> transact(accountId, request, type, tokenHash));
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request on another card took this ref_id first; now the lookup finds it.
			return inTransaction(() -> transact(accountId, request, type, tokenHash));
		}
	}

	private Outcome<TransactionView> transact(String accountId, TransactionRequest request, TransactionType type,
			byte[] tokenHash) {
		PaymentCard card = ((tokenHash != null) ? this.cards.lockByTokenHash(accountId, tokenHash)
				: this.cards.lockByCardId(accountId, request.cardId()))
			.orElseThrow(PaymentErrors::cardNotFound);
		Instant now = now();
		ApiException refused = checkHolder(card, (tokenHash != null), request.pin());
		if (refused != null) {
			return Outcome.refused(refused);
		}
		Optional<CardTransaction> previous = this.transactions.findByRefId(accountId, request.refId());
		if (previous.isPresent()) {
			if (!previous.get().sameRequest(card.id(), type, request.amount(), request.currency(), request.isPending())) {
				throw PaymentErrors.refIdConflict();
			}
			return Outcome.of(TransactionView.of(previous.get(), card));
		}
		checkCanPay(card, type, request.amount(), request.currency(), now);
		CardTransaction created = new CardTransaction(UUID.randomUUID(), accountId, request.refId(), card.id(),
				card.cardId(), type,
				request.isPending() ? TransactionStatus.PENDING : TransactionStatus.COMPLETED, request.amount(),
				request.currency(), now, now);
		this.transactions.insert(created);
		PaymentCard after = switch (created.status()) {
			case PENDING -> move(card, created, Ledger.Kind.RESERVE, 0, created.amount(), now);
			default -> (type == TransactionType.FUND) ? move(card, created, Ledger.Kind.FUND, created.amount(), 0, now)
					: move(card, created, Ledger.Kind.DRAWDOWN, -created.amount(), 0, now);
		};
		return Outcome.of(TransactionView.of(created, after));
	}

	TransactionView capture(String accountId, UUID id) {
		return settle(accountId, id, TransactionStatus.CAPTURED);
	}

	TransactionView voidTransaction(String accountId, UUID id) {
		return settle(accountId, id, TransactionStatus.VOIDED);
	}

	/**
	 * Captures or voids a pending drawdown. Doing the same twice answers the same; the other
	 * after one is a conflict. Neither checks the card's state again: the amount was granted
	 * when it was reserved.
	 */
	private TransactionView settle(String accountId, UUID id, TransactionStatus target) {
		return inTransaction(() -> {
			UUID cardUuid = this.transactions.find(accountId, id)
				.orElseThrow(PaymentErrors::transactionNotFound)
				.cardUuid();
			PaymentCard card = this.cards.lock(cardUuid);
			// Read again under the card's lock: a concurrent capture or void may have just committed.
			CardTransaction pending = this.transactions.find(accountId, id).orElseThrow();
			if (pending.status() == target) {
				return Outcome.of(TransactionView.of(pending, card));
			}
			if (pending.status() != TransactionStatus.PENDING) {
				throw PaymentErrors.notPending(pending.status());
			}
			Instant now = now();
			CardTransaction settled = pending.withStatus(target, now);
			this.transactions.updateStatus(settled);
			long amount = settled.amount();
			PaymentCard after = (target == TransactionStatus.CAPTURED)
					? move(card, settled, Ledger.Kind.CAPTURE, -amount, -amount, now)
					: move(card, settled, Ledger.Kind.VOID, 0, -amount, now);
			return Outcome.of(TransactionView.of(settled, after));
		});
	}

	TransactionView get(String accountId, UUID id) {
		CardTransaction found = this.transactions.find(accountId, id).orElseThrow(PaymentErrors::transactionNotFound);
		return TransactionView.of(found, this.cards.read(found.cardUuid()));
	}

	/** Balance lookup by token and PIN; a wrong PIN counts as for a payment. */
	InfoView info(String accountId, InfoRequest request) {
		byte[] tokenHash = this.hashes.tokenHash(accountId, request.token());
		return inTransaction(() -> {
			PaymentCard card = this.cards.lockByTokenHash(accountId, tokenHash)
				.orElseThrow(PaymentErrors::cardNotFound);
			ApiException refused = checkHolder(card, true, request.pin());
			return (refused != null) ? Outcome.refused(refused) : Outcome.of(InfoView.of(card));
		});
	}

	/** The opening ledger entry, in the activation's own database transaction. */
	@EventListener
	void activated(CardActivated event) {
		this.ledger.record(event.accountId(), event.id(), null, Ledger.Kind.ACTIVATION, event.amount(), 0,
				event.activatedAt());
	}

	/**
	 * A locked card is refused whoever asks. By token, the PIN must match when the card has
	 * one; a wrong one is counted (and returned as a refusal, so that the count commits).
	 */
	private ApiException checkHolder(PaymentCard card, boolean byToken, String pin) {
		if (card.locked()) {
			throw PaymentErrors.cardLocked();
		}
		if (!byToken || card.pinHash() == null) {
			return null;
		}
		if (pin == null || pin.isEmpty()) {
			throw PaymentErrors.pinRequired();
		}
		if (this.hashes.pinMatches(card.pinHash(), card.accountId(), card.cardId(), pin)) {
			if (card.failedPinAttempts() != 0) {
				this.cards.setFailedPinAttempts(card, 0);
			}
			return null;
		}
		int failed = card.failedPinAttempts() + 1;
		this.cards.setFailedPinAttempts(card, failed);
		return PaymentErrors.wrongPin(failed);
	}

	private static void checkCanPay(PaymentCard card, TransactionType type, long amount, String currency,
			Instant now) {
		if (card.status() == CardStatus.INACTIVE) {
			throw PaymentErrors.cardInactive();
		}
		if (card.expiresAt() != null && !now.isBefore(card.expiresAt())) {
			throw PaymentErrors.cardExpired();
		}
		if (type == TransactionType.DRAWDOWN && card.activeFrom() != null && now.isBefore(card.activeFrom())) {
			throw PaymentErrors.cardNotYetActive();
		}
		if (!currency.equals(card.currency())) {
			throw PaymentErrors.currencyMismatch(card.currency());
		}
		if (type == TransactionType.DRAWDOWN && card.availableBalance() < amount) {
			throw PaymentErrors.insufficientFunds(card.availableBalance());
		}
	}

	/** Changes the card's money and writes the matching ledger entry. */
	private PaymentCard move(PaymentCard card, CardTransaction cause, Ledger.Kind kind, long balanceChange,
			long reservedChange, Instant now) {
		boolean spends = kind == Ledger.Kind.DRAWDOWN || kind == Ledger.Kind.CAPTURE;
		CardStatus status = (spends && card.status() == CardStatus.UNUSED) ? CardStatus.ACTIVE : card.status();
		PaymentCard after = card.withMoney(card.balance() + balanceChange, card.reservedAmount() + reservedChange,
				status);
		this.cards.updateMoney(after, now);
		this.ledger.record(card.accountId(), card.id(), cause.id(), kind, balanceChange, reservedChange, now);
		return after;
	}

	private <T> T inTransaction(java.util.function.Supplier<Outcome<T>> work) {
		return this.transaction.execute((status) -> work.get()).get();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A result, or a refusal that must not roll back what was written before it (the wrong-PIN
	 * count): it is thrown only after the transaction committed.
	 */
	private record Outcome<T>(T value, ApiException refusal) {

		static <T> Outcome<T> of(T value) {
			return new Outcome<>(value, null);
		}

		static <T> Outcome<T> refused(ApiException refusal) {
			return new Outcome<>(null, refusal);
		}

		T get() {
			if (this.refusal != null) {
				throw this.refusal;
			}
			return this.value;
		}

	}

}
