package io.cardmint.payment;

import java.util.EnumMap;
import java.util.Map;

import io.cardmint.card.Card;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The payment meters, all registered at start so that a dashboard sees zeros rather than
 * nothing: {@code cardmint.payments.transactions} by {@code type} and {@code outcome}
 * ({@code completed}, {@code pending}, {@code replayed}, {@code refused}),
 * {@code cardmint.payments.wrong_pins} and {@code cardmint.payments.pin_locks}.
 */
@Component
class PaymentMeters {

	static final String[] OUTCOMES = { "completed", "pending", "replayed", "refused" };

	private final Map<TransactionType, Map<String, Counter>> transactions = new EnumMap<>(TransactionType.class);

	private final Counter wrongPins;

	private final Counter pinLocks;

	PaymentMeters(MeterRegistry registry) {
		for (TransactionType type : TransactionType.values()) {
			Map<String, Counter> byOutcome = new java.util.HashMap<>();
			for (String outcome : OUTCOMES) {
				byOutcome.put(outcome, Counter.builder("cardmint.payments.transactions")
					.description("Transactions asked for, by type and outcome")
					.tag("type", type.value())
					.tag("outcome", outcome)
					.register(registry));
			}
			this.transactions.put(type, byOutcome);
		}
		this.wrongPins = Counter.builder("cardmint.payments.wrong_pins")
			.description("Wrong PINs given with a card token")
			.register(registry);
		this.pinLocks = Counter.builder("cardmint.payments.pin_locks")
			.description("Cards locked by wrong PINs in a row")
			.register(registry);
	}

	void accepted(TransactionType type, TransactionStatus status) {
		count(type, (status == TransactionStatus.PENDING) ? "pending" : "completed");
	}

	void replayed(TransactionType type) {
		count(type, "replayed");
	}

	void refused(TransactionType type) {
		count(type, "refused");
	}

	/** A wrong PIN; the one that makes {@code failedInARow} reach the limit locks the card. */
	void wrongPin(int failedInARow) {
		this.wrongPins.increment();
		if (failedInARow == Card.MAX_FAILED_PIN_ATTEMPTS) {
			this.pinLocks.increment();
		}
	}

	private void count(TransactionType type, String outcome) {
		this.transactions.get(type).get(outcome).increment();
	}

}
