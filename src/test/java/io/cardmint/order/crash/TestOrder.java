package io.cardmint.order.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A counted order for the demo manufacturer, and the manifest that asks for it. */
record TestOrder(String ref, String account, String prefix, long count) {

	String cardId(long index) {
		String number = Long.toString(1 + index);
		return this.prefix + "0".repeat(Math.max(0, 8 - number.length())) + number;
	}

	Path writeManifest(Path dir) throws IOException {
		return Files.writeString(dir.resolve(this.ref + ".json"), """
				{
				  "order_ref": "%s",
				  "account_id": "%s",
				  "manufacturer": "demo",
				  "type": "gift_card",
				  "count": %d,
				  "card_id": { "prefix": "%s", "start": 1, "digits": 8 },
				  "options": {
				    "pin":        { "format": { "length": 4,  "numbers": true } },
				    "card_token": { "format": { "length": 16, "numbers": true, "prefix": "", "barcode": true } }
				  },
				  "print": { "denomination": "500 NOK", "design": "XMAS-26" }
				}
				""".formatted(this.ref, this.account, this.count, this.prefix));
	}

}
