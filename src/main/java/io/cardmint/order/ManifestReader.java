package io.cardmint.order;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.cardmint.card.CardType;
import io.cardmint.code.CodeFormat;
import io.cardmint.domain.Ids;
import io.cardmint.web.Echo;
import io.cardmint.web.JsonInputErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks a manifest (DESIGN §4) in one streaming pass: the header fields are
 * small and bound as trees; a {@code cards} list is handed to a consumer entry by entry, so a
 * list of 10,000,000 cards never sits in memory. Every refusal names the field, the line or
 * the card, in cardmint's words (never Jackson's).
 *
 * <p>Everything the order job would refuse later is refused here, so that a manifest that
 * passes never fails for its content: strict JSON (the application's mapper: no coercion, no
 * duplicate keys, bounded nesting and strings), no unknown fields at any level, ids by the id
 * rule ({@link Ids}, as for the API), whole numbers that fit, and nothing in the print file that a
 * spreadsheet would run as a formula ({@link #FORMULA_START}).
 */
final class ManifestReader {

	static final long MAX_CARDS = 10_000_000L;

	static final Pattern ORDER_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+=-]{0,99}");

	static final Pattern ACCOUNT_ID = Pattern.compile("^[PT]\\d{8}$");

	/** A manufacturer is a key of {@code cardmint.manufacturers.<id>}. */
	static final Pattern MANUFACTURER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern PRINT_COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	static final int MAX_PREFIX_LENGTH = 200;

	static final int MAX_PRINT_COLUMNS = 20;

	static final int MAX_PRINT_VALUE_LENGTH = 200;

	/**
	 * A print-file value starting with one of these is a formula to a spreadsheet (OWASP's CSV
	 * injection list). Such values are refused rather than escaped, so that the manufacturer
	 * prints exactly the codes, ids and texts cardmint stored.
	 */
	static final String FORMULA_START = "=+-@\t\r";

	private static final Set<String> FIELDS = Set.of("order_ref", "account_id", "manufacturer", "type", "count",
			"card_id", "options", "print", "cards");

	private static final Set<String> RANGE_FIELDS = Set.of("prefix", "start", "digits");

	private static final Set<String> CARD_FIELDS = Set.of("card_id", "type");

	private static final Set<String> OPTION_FIELDS = Set.of("pin", "card_token");

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
					throw new ManifestException("unknown field " + Echo.quote(field) + " (line " + line(parser)
							+ "); known: " + new TreeSet<>(FIELDS));
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
			throw new ManifestException(JsonInputErrors.describe("manifest", ex).message());
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
			String name = "cards[" + index + "]";
			String at = " (line " + line + ")";
			if (!card.isObject()) {
				throw new ManifestException(name + at + " must be an object with card_id");
			}
			onlyFields(card, CARD_FIELDS, name + at);
			JsonNode cardId = card.get("card_id");
			if (cardId == null || !cardId.isString()) {
				throw new ManifestException(name + ".card_id" + at + " is required and must be a string");
			}
			String id = cardId.asString();
			String problem = printedIdProblem(id);
			if (problem != null) {
				throw new ManifestException(name + ".card_id" + at + " " + Echo.quote(id) + " " + problem);
			}
			JsonNode typeNode = card.get("type");
			CardType type = (typeNode == null) ? CardType.GIFT_CARD
					: typeNode.isString() ? CardType.parse(typeNode.asString()) : null;
			if (type == null) {
				throw new ManifestException(name + ".type" + at + " must be gift_card or credit_note");
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
			throw new ManifestException("order_ref " + Echo.quote(orderRef)
					+ " must be 1 to 100 letters, digits or . _ @ + = -, starting with a letter or digit (it names the print file)");
		}
		String accountId = requiredString(header, "account_id");
		if (!ACCOUNT_ID.matcher(accountId).matches()) {
			throw new ManifestException("account_id " + Echo.quote(accountId) + " must match ^[PT]\\d{8}$");
		}
		String manufacturer = requiredString(header, "manufacturer");
		if (!MANUFACTURER.matcher(manufacturer).matches()) {
			throw new ManifestException("manufacturer " + Echo.quote(manufacturer)
					+ " must be 1 to 64 letters, digits or . _ -, as in cardmint.manufacturers.<id>");
		}
		JsonNode typeNode = header.get("type");
		if (typeNode != null && !typeNode.isString()) {
			throw new ManifestException("type must be gift_card or credit_note");
		}
		CardType type = CardType.parse((typeNode == null) ? null : typeNode.asString());
		if (type == null) {
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
		if (options != null && !options.isNull()) {
			if (!options.isObject()) {
				throw new ManifestException("options must be an object with pin and card_token");
			}
			onlyFields(options, OPTION_FIELDS, "options");
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
		if (!node.canConvertToLong() || node.asLong() < 1 || node.asLong() > MAX_CARDS) {
			throw new ManifestException("count is out of range: 1 to " + MAX_CARDS);
		}
		return node.asLong();
	}

	private static Manifest.CardIdRange range(JsonNode node, long count) {
		if (node == null || !node.isObject()) {
			throw new ManifestException("card_id must be an object {\"prefix\", \"start\", \"digits\"} with count");
		}
		onlyFields(node, RANGE_FIELDS, "card_id");
		JsonNode prefixNode = node.get("prefix");
		if (prefixNode != null && !prefixNode.isString()) {
			throw new ManifestException("card_id.prefix must be a string");
		}
		String prefix = (prefixNode != null) ? prefixNode.asString() : "";
		if (prefix.codePointCount(0, prefix.length()) > MAX_PREFIX_LENGTH) {
			throw new ManifestException("card_id.prefix must be at most " + MAX_PREFIX_LENGTH + " characters");
		}
		if (!prefix.isEmpty()) {
			String problem = printedIdProblem(prefix);
			if (problem != null) {
				throw new ManifestException("card_id.prefix " + Echo.quote(prefix) + " " + problem);
			}
		}
		JsonNode startNode = node.get("start");
		if (startNode != null && (!startNode.isIntegralNumber() || !startNode.canConvertToLong()
				|| startNode.asLong() < 0)) {
			throw new ManifestException("card_id.start must be a whole number from 0 to 999999999999999999");
		}
		long start = (startNode != null) ? startNode.asLong() : 1;
		JsonNode digitsNode = node.get("digits");
		if (digitsNode == null || !digitsNode.isIntegralNumber() || !digitsNode.canConvertToInt()
				|| digitsNode.asInt() < 1 || digitsNode.asInt() > 18) {
			throw new ManifestException("card_id.digits must be a whole number from 1 to 18");
		}
		int digits = digitsNode.asInt();
		long capacity = Math.round(Math.pow(10, digits));
		if (start >= capacity || count > capacity - start) {
			throw new ManifestException("card_id: " + count + " cards from " + start + " do not fit in " + digits
					+ " digits");
		}
		Manifest.CardIdRange range = new Manifest.CardIdRange(prefix, start, digits);
		String problem = idProblem(range.cardId(0));
		if (problem != null) {
			// the prefix passed on its own, but with the numbers after it (a % before digits) it does not
			throw new ManifestException("card_id: the ids of this range, such as " + Echo.quote(range.cardId(0)) + ", "
					+ problem);
		}
		return range;
	}

	private CodeFormat format(JsonNode options, String name) {
		if (options == null || options.isNull() || options.get(name) == null || options.get(name).isNull()) {
			return null;
		}
		JsonNode option = options.get(name);
		if (!option.isObject()) {
			throw new ManifestException("options." + name + " must be an object with format");
		}
		onlyFields(option, Set.of("format"), "options." + name);
		JsonNode format = option.get("format");
		String field = "options." + name + ".format";
		if (format == null || !format.isObject()) {
			throw new ManifestException(field + " must be an object such as {\"length\": 16, \"numbers\": true}");
		}
		CodeFormat parsed;
		try {
			parsed = this.json.treeToValue(format, CodeFormat.class);
		}
		catch (JacksonException ex) {
			JsonInputErrors.Problem problem = JsonInputErrors.describe(field, ex);
			String message = problem.message();
			throw new ManifestException(message.startsWith("unknown field") ? message + " in " + field
					: field + "." + message);
		}
		String prefix = parsed.prefixOrEmpty();
		if (!prefix.isEmpty() && FORMULA_START.indexOf(prefix.charAt(0)) >= 0) {
			throw new ManifestException(field + ".prefix must not start with = + - @, a tab or CR: "
					+ "a spreadsheet would read the printed code as a formula");
		}
		if (prefix.isEmpty() && Boolean.TRUE.equals(parsed.symbols())) {
			throw new ManifestException(field + " has symbols but no prefix: a code could start with = + - or @, "
					+ "which a spreadsheet reads as a formula; give a prefix that starts with a letter or digit");
		}
		return parsed;
	}

	private static Map<String, String> print(JsonNode node) {
		Map<String, String> print = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return print;
		}
		if (!node.isObject()) {
			throw new ManifestException("print must be an object of column names to values");
		}
		if (node.size() > MAX_PRINT_COLUMNS) {
			throw new ManifestException("print has " + node.size() + " columns; at most " + MAX_PRINT_COLUMNS);
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String column = field.getKey();
			if (!PRINT_COLUMN.matcher(column).matches() || RESERVED_COLUMNS.contains(column)) {
				throw new ManifestException("print." + Echo.quote(column).replace("'", "")
						+ " is not a usable column name (lower case letters, digits, _; not card_id, card_token, pin, barcode)");
			}
			if (!field.getValue().isString()) {
				throw new ManifestException("print." + column + " must be a string");
			}
			String value = field.getValue().asString();
			if (value.codePointCount(0, value.length()) > MAX_PRINT_VALUE_LENGTH) {
				throw new ManifestException("print." + column + " must be at most " + MAX_PRINT_VALUE_LENGTH
						+ " characters");
			}
			String problem = printableProblem(value);
			if (problem == null && !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0) {
				problem = "must not start with = + - or @ (a spreadsheet would read it as a formula)";
			}
			if (problem != null) {
				throw new ManifestException("print." + column + " " + problem);
			}
			print.put(column, value);
		}
		return print;
	}

	private static void onlyFields(JsonNode object, Set<String> known, String where) {
		for (String name : object.propertyNames()) {
			if (!known.contains(name)) {
				throw new ManifestException("unknown field " + Echo.quote(name) + " in " + where + "; known: "
						+ new TreeSet<>(known));
			}
		}
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

	/** The id rule, plus what the print file needs: no leading formula character. */
	static String printedIdProblem(String id) {
		String problem = idProblem(id);
		if (problem == null && FORMULA_START.indexOf(id.charAt(0)) >= 0) {
			return "must not start with = + - or @ (a spreadsheet would read it as a formula)";
		}
		return problem;
	}

	/** The id rule of the API ({@link Ids}), the same for manifests. */
	static String idProblem(String value) {
		return Ids.problem(value);
	}

	private static String printableProblem(String value) {
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			if (Character.isSurrogate(value.charAt(i)) && Character.charCount(c) == 1) {
				return "must not contain a lone surrogate";
			}
			int type = Character.getType(c);
			if (type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE) {
				return "must contain printable characters only (no NUL or other control character)";
			}
			i += Character.charCount(c);
		}
		return null;
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
