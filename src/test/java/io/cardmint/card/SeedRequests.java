package io.cardmint.card;

/** The two requests from the Dintero documentation that must work unchanged. */
final class SeedRequests {

	static final String BATCH = """
			{"cards":[{"card_id":"card-01","type":"gift_card"},{"card_id":"card-02","type":"gift_card"}],
			 "options":{"pin":{"format":{"length":36,"prefix":"DINCARD:","symbols":true,"numbers":true,"characters":true,"barcode":false}},
			            "card_token":{"format":{"length":36,"prefix":"DINCARD:","symbols":true,"numbers":true,"characters":true,"barcode":false}}}}
			""";

	static final String ACTIVATION = """
			{"customer_id":"string","name":"string","amount":50000,"currency":"NOK","originated_by":"string",
			 "active_from":"2019-08-24T14:15:22Z","expires_at":"2029-08-24T14:15:22Z","metadata":{"dintero_transaction_id":"P12345678.xxxxx"}}
			""";

	private SeedRequests() {
	}

	static String batchOf(String... cardIds) {
		StringBuilder cards = new StringBuilder();
		for (String cardId : cardIds) {
			cards.append(cards.isEmpty() ? "" : ",").append("{\"card_id\":\"").append(cardId).append("\"}");
		}
		return "{\"cards\":[" + cards + "],\"options\":{\"pin\":{\"format\":{\"length\":4,\"numbers\":true}},"
				+ "\"card_token\":{\"format\":{\"length\":16,\"numbers\":true}}}}";
	}

}
