package io.cardmint.order;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.cardmint.card.CardType;
import io.cardmint.code.CodeFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks a manifest (DESIGN §4) in one streaming pass: the header fields are
 * small and bound as trees; a {@code cards} list is handed to a consumer entry by entry, so a
 * list of 10,000,000 cards never sits in memory. Every refusal names the field, the line or
 * the card.
 */
final class ManifestReader {

	static final long MAX_CARDS = 10_000_000L;

	static final Pattern ORDER_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+=-]{0,99}");

	static final Pattern ACCOUNT_ID = Pattern.compile("^[PT]\\d{8}$");

	private static final Pattern PRINT_COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private static final Set<String> FIELDS = Set.of("order_ref", "account_id", "manufacturer", "type", "count",
			"card_id", "options", "print", "cards");

	private static final Set<String> RESERVED_COLUMNS = Set.of("card_id", "card_token", "pin", "barcode");

	private final JsonMapper json;

	ManifestReader(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Reads the manifest; listed cards go to {@code listed} in order, each already checked on
	 * its own (repeats across the list are the caller's to find).
	 */
	Manifest read(InputStream in, Consumer<ListedCard> listed) {
		Map<String, JsonNode> header = new LinkedHashMap<>();
		long listedCount = -1;
		try (JsonParser parser = this.json.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new ManifestException("manifest must be a JSON object (line " + line(parser) + ")");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				if (!FIELDS.contains(field)) {
					throw new ManifestException("unknown field '" + field + "' (line " + line(parser) + "); known: "
							+ new java.util.TreeSet<>(FIELDS));
				}
				JsonToken value = parser.nextToken();
				if (field.equals("cards")) {
					listedCount = readCards(parser, value, listed);
				}
				else {
					header.put(field, parser.readValueAsTree());
				}
			}
			if (parser.nextToken() != null) {
				throw new ManifestException("unexpected content after the manifest object (line " + line(parser) + ")");
			}
		}
		catch (JacksonException ex) {
			throw new ManifestException("manifest is not valid JSON: " + ex.getOriginalMessage() + " (line "
					+ ((ex.getLocation() != null) ? ex.getLocation().getLineNr() : "?") + ")");
		}
		return build(header, listedCount);
	}

	private long readCards(JsonParser parser, JsonToken start, Consumer<ListedCard> listed) {
		if (start != JsonToken.START_ARRAY) {
			throw new ManifestException("cards must be a list of {\"card_id\", \"type\"} objects (line "
					+ line(parser) + ")");
		}
		long index = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			int line = line(parser);
			JsonNode card = parser.readValueAsTree();
			String where = "cards[" + index + "] (line " + line + ")";
			if (!card.isObject()) {
				throw new ManifestException(where + " must be an object with card_id");
			}
			JsonNode cardId = card.get("card_id");
			if (cardId == null || !cardId.isString()) {
				throw new ManifestException(where + ".card_id is required and must be a string");
			}
			String id = cardId.asString();
			if (id.isEmpty() || id.length() > 255 || !id.equals(id.strip())) {
				throw new ManifestException(where + ".card_id '" + id
						+ "' must be 1 to 255 characters without leading or trailing whitespace");
			}
			JsonNode typeNode = card.get("type");
			CardType type = CardType.parse((typeNode == null || typeNode.isNull()) ? null : typeNode.asString());
			if (type == null) {
				throw new ManifestException(where + ".type must be gift_card or credit_note");
			}
			if (index >= MAX_CARDS) {
				throw new ManifestException("cards lists more than " + MAX_CARDS + " cards");
			}
			listed.accept(new ListedCard(index, id, type));
			index++;
		}
		return index;
	}

	private Manifest build(Map<String, JsonNode> header, long listedCount) {
		String orderRef = requiredString(header, "order_ref");
		if (!ORDER_REF.matcher(orderRef).matches()) {
			throw new ManifestException("order_ref '" + orderRef
					+ "' must be 1 to 100 letters, digits or . _ @ + = - (it names the print file)");
		}
		String accountId = requiredString(header, "account_id");
		if (!ACCOUNT_ID.matcher(accountId).matches()) {
			throw new ManifestException("account_id '" + accountId + "' must match ^[PT]\\d{8}$");
		}
		String manufacturer = requiredString(header, "manufacturer");
		JsonNode typeNode = header.get("type");
		CardType type = CardType.parse((typeNode == null) ? null : typeNode.asString());
		if (type == null || (typeNode != null && !typeNode.isString())) {
			throw new ManifestException("type must be gift_card or credit_note");
		}
		boolean counted = header.containsKey("count") || header.containsKey("card_id");
		if (counted == (listedCount >= 0)) {
			throw new ManifestException("give either count and card_id, or a cards list (not both, not neither)");
		}
		long count;
		Manifest.CardIdRange range = null;
		if (counted) {
			count = count(header.get("count"));
			range = range(header.get("card_id"), count);
		}
		else {
			count = listedCount;
			if (count == 0) {
				throw new ManifestException("cards must list at least one card");
			}
		}
		JsonNode options = header.get("options");
		if (options != null && !options.isObject()) {
			throw new ManifestException("options must be an object with pin and card_token");
		}
		CodeFormat tokenFormat = format(options, "card_token");
		CodeFormat pinFormat = format(options, "pin");
		if (tokenFormat == null) {
			tokenFormat = CodeFormat.defaultToken();
		}
		return new Manifest(orderRef, accountId, manufacturer, type, count, range, tokenFormat, pinFormat,
				print(header.get("print")));
	}

	private static long count(JsonNode node) {
		if (node == null || !node.isIntegralNumber()) {
			throw new ManifestException("count must be a whole number of cards (1 to " + MAX_CARDS + ")");
		}
		long count = node.asLong();
		if (count < 1 || count > MAX_CARDS) {
			throw new ManifestException("count " + count + " is out of range: 1 to " + MAX_CARDS);
		}
		return count;
	}

	private static Manifest.CardIdRange range(JsonNode node, long count) {
		if (node == null || !node.isObject()) {
			throw new ManifestException("card_id must be an object {\"prefix\", \"start\", \"digits\"} with count");
		}
		JsonNode prefixNode = node.get("prefix");
		if (prefixNode != null && !prefixNode.isString()) {
			throw new ManifestException("card_id.prefix must be a string");
		}
		String prefix = (prefixNode != null) ? prefixNode.asString() : "";
		if (prefix.length() > 200 || !prefix.equals(prefix.strip())) {
			throw new ManifestException("card_id.prefix must be at most 200 characters without surrounding spaces");
		}
		JsonNode startNode = node.get("start");
		if (startNode != null && !startNode.isIntegralNumber()) {
			throw new ManifestException("card_id.start must be a whole number");
		}
		long start = (startNode != null) ? startNode.asLong() : 1;
		JsonNode digitsNode = node.get("digits");
		if (digitsNode == null || !digitsNode.isIntegralNumber() || digitsNode.asInt() < 1
				|| digitsNode.asInt() > 18) {
			throw new ManifestException("card_id.digits must be a whole number from 1 to 18");
		}
		int digits = digitsNode.asInt();
		if (start < 0 || (start + count - 1) >= Math.pow(10, digits)) {
			throw new ManifestException("card_id: " + count + " cards from " + start + " do not fit in " + digits
					+ " digits");
		}
		return new Manifest.CardIdRange(prefix, start, digits);
	}

	private CodeFormat format(JsonNode options, String name) {
		if (options == null || options.get(name) == null || options.get(name).isNull()) {
			return null;
		}
		JsonNode format = options.get(name).get("format");
		String field = "options." + name + ".format";
		if (format == null || !format.isObject()) {
			throw new ManifestException(field + " must be an object such as {\"length\": 16, \"numbers\": true}");
		}
		try {
			return this.json.treeToValue(format, CodeFormat.class);
		}
		catch (JacksonException ex) {
			throw new ManifestException(field + " has a value of the wrong type: " + ex.getOriginalMessage());
		}
	}

	private static Map<String, String> print(JsonNode node) {
		Map<String, String> print = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return print;
		}
		if (!node.isObject()) {
			throw new ManifestException("print must be an object of column names to values");
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String column = field.getKey();
			if (!PRINT_COLUMN.matcher(column).matches() || RESERVED_COLUMNS.contains(column)) {
				throw new ManifestException("print." + column
						+ " is not a usable column name (lower case letters, digits, _; not card_id, card_token, pin, barcode)");
			}
			if (!field.getValue().isValueNode() || field.getValue().isNull()) {
				throw new ManifestException("print." + column + " must be a string or a number");
			}
			print.put(column, field.getValue().asString());
		}
		return print;
	}

	private static String requiredString(Map<String, JsonNode> header, String field) {
		JsonNode node = header.get(field);
		if (node == null || node.isNull()) {
			throw new ManifestException(field + " is required");
		}
		if (!node.isString() || node.asString().isBlank()) {
			throw new ManifestException(field + " must be a non-empty string");
		}
		return node.asString();
	}

	private static int line(JsonParser parser) {
		return parser.currentTokenLocation().getLineNr();
	}

	static Manifest read(JsonMapper json, java.nio.file.Path file, Consumer<ListedCard> listed) {
		try (InputStream in = java.nio.file.Files.newInputStream(file)) {
			return new ManifestReader(json).read(in, listed);
		}
		catch (IOException ex) {
			throw new ManifestException("cannot read manifest " + file + ": " + ex.getMessage());
		}
	}

}
