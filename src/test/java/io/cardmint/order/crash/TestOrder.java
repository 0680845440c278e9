package io.cardmint.order.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An order for the demo manufacturer, and the manifest that asks for it: counted, or listing
 * its card ids (the same ids either way).
 */
record TestOrder(String ref, String account, String prefix, long count, boolean listed, int tokenDigits) {

	TestOrder(String ref, String account, String prefix, long count) {
		this(ref, account, prefix, count, false);
	}

	TestOrder(String ref, String account, String prefix, long count, boolean listed) {
		this(ref, account, prefix, count, listed, 16);
	}

	String cardId(long index) {
		String number = Long.toString(1 + index);
		return this.prefix + "0".repeat(Math.max(0, 8 - number.length())) + number;
	}

	Path writeManifest(Path dir) throws IOException {
		String cards = "\"count\": %d,\n  \"card_id\": { \"prefix\": \"%s\", \"start\": 1, \"digits\": 8 },"
			.formatted(this.count, this.prefix);
		if (this.listed) {
			StringBuilder list = new StringBuilder("\"cards\": [\n");
			for (long i = 0; i < this.count; i++) {
				list.append("    { \"card_id\": \"").append(cardId(i)).append("\", \"type\": \"gift_card\" }")
					.append((i + 1 < this.count) ? ",\n" : "\n  ],");
			}
			cards = list.toString();
		}
		return Files.writeString(dir.resolve(this.ref + ".json"), """
				{
				  "order_ref": "%s",
				  "account_id": "%s",
				  "manufacturer": "demo",
				  "type": "gift_card",
				  %s
				  "options": {
				    "pin":        { "format": { "length": 4,  "numbers": true } },
				    "card_token": { "format": { "length": %d, "numbers": true, "prefix": "", "barcode": true } }
				  },
				  "print": { "denomination": "500 NOK", "design": "XMAS-26" }
				}
				""".formatted(this.ref, this.account, cards, this.tokenDigits));
	}

}
