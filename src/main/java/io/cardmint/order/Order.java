package io.cardmint.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cardmint.card.CardType;
import io.cardmint.code.CodeFormat;
import io.cardmint.print.PrintedFile;

/** An accepted order as stored: what to make, how far it got, and where its files went. */
public record Order(long id, String accountId, String orderRef, String manufacturer, CardType cardType,
		long cardCount, Manifest.CardIdRange cardIds, CodeFormat tokenFormat, CodeFormat pinFormat,
		Map<String, String> print, int partitions, boolean secretDestroyed, OrderStatus status, List<PrintedFile> printFiles,
		String delivery, String error, Instant createdAt, Instant updatedAt, Instant completedAt) {

	public boolean listsCards() {
		return this.cardIds == null;
	}

	/** Associated data for the sealed batch secret: a secret cannot be moved to another order. */
	public String secretLabel() {
		return secretLabel(this.accountId, this.orderRef);
	}

	static String secretLabel(String accountId, String orderRef) {
		return "cardmint/order/" + accountId + "/" + orderRef;
	}

}
