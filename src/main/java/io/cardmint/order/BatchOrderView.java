package io.cardmint.order;

import java.time.Instant;

import java.util.List;

import io.cardmint.print.PrintedFile;
import tools.jackson.databind.JsonNode;

/**
 * An order's progress as {@code GET …/cards/batch-orders/{order_ref}} shows it: status, the
 * job's current step, cards done of total, the print files with their sha256, the delivery
 * record, and why it failed. Never a token, a PIN or the batch secret.
 */
record BatchOrderView(String orderRef, String accountId, String manufacturer, String status, String step,
		Progress cards, List<PrintedFile> files, JsonNode delivery, boolean secretDestroyed, String errorMessage,
		Instant createdAt, Instant updatedAt, Instant completedAt) {

	record Progress(long done, long total) {
	}

}
