package io.cardmint.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two fields that name a manifest's order, read without reading its card list: to find
 * the order of a file a dead process left in {@code processing/}.
 */
record ManifestHeader(String accountId, String orderRef) {

	/** The header, or null when the file is no manifest with both fields. */
	static ManifestHeader read(JsonMapper json, Path file) {
		String accountId = null;
		String orderRef = null;
		try (InputStream in = Files.newInputStream(file); JsonParser parser = json.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value == JsonToken.VALUE_STRING && field.equals("account_id")) {
					accountId = parser.getString();
				}
				else if (value == JsonToken.VALUE_STRING && field.equals("order_ref")) {
					orderRef = parser.getString();
				}
				else {
					parser.skipChildren();
				}
				if (accountId != null && orderRef != null) {
					return new ManifestHeader(accountId, orderRef);
				}
			}
			return null;
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
	}

}
