package io.cardmint.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cardmint.support.Api;
import io.cardmint.support.HostileCorpus;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.RawHttp;
import io.cardmint.support.Refusals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus of the API (issue 9), on MariaDB through real HTTP: every case is
 * refused with its status and error code, in the JSON error shape and cardmint's words, and
 * leaves no row and no file behind. Two parts: the hand-written cases of
 * {@code hostile/api-cases.txt} (every case the issue lists), and cases generated from
 * {@code hostile/api-fields.txt}: every body field of every endpoint with each value of the
 * wrong JSON type, a repeated key and an unknown sibling.
 */
class HostileApiCorpusTests extends MariaDbApplicationTest {

	static final String ACCOUNT = "T70000001";

	static final String BASE = "/v1/accounts/" + ACCOUNT + "/wallets";

	/** Values of the wrong JSON type for each kind of field. */
	static final Map<String, List<String>> WRONG = Map.of(
			"string", List.of("5", "1.5", "true", "{}", "[]", "-0", "[\"a\"]"),
			"integer", List.of("\"5\"", "1.5", "true", "{}", "[]", "1e2", "99999999999999999999", "\"\"", "1.0", "false"),
			"boolean", List.of("\"true\"", "1", "0", "{}", "[]", "\"yes\"", "0.0", "\"\""),
			"datetime", List.of("1924992000", "true", "\"+10000-01-01T00:00:00Z\"", "\"-0005-01-01T00:00:00Z\"",
					"\"2030-01-01\"", "\"2030-01-01T00:00:00.123456789Z\"", "\"not a date\"", "{}",
					"\"0001-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"", "[]", "\"\""),
			"object", List.of("\"x\"", "1", "[]", "true", "1.5", "\"\""),
			"list", List.of("\"x\"", "{}", "1", "true", "1.5", "\"\""));

	private static Fixture fixture;

	@Autowired
	JdbcTemplate jdbc;

	/** A case of the corpus: what is sent and what must come back. */
	record Case(String name, String method, String target, Map<String, String> options, String body, Set<Integer> statuses,
			Set<String> codes, String field) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** The cards the cases refer to: created once, through the API. */
	record Fixture(String inactive, String active, String token, String pin, String pending) {
	}

	static Stream<Case> handWritten() {
		List<Case> cases = new ArrayList<>();
		for (String line : lines("hostile/api-cases.txt")) {
			String[] columns = line.split(" \\| ", -1);
			if (columns.length != 6) {
				throw new IllegalStateException("api-cases.txt: 6 columns expected: " + line);
			}
			String[] request = columns[1].trim().split(" ", 2);
			cases.add(new Case(columns[0].trim(), request[0], request[1], options(columns[2].trim()),
					columns[3].trim().equals("-") ? null : columns[3].trim(), statuses(columns[4].trim()),
					Set.of(columns[5].trim().split("/")), null));
		}
		return cases.stream();
	}

	static Stream<Case> generated() {
		List<Case> cases = new ArrayList<>();
		for (String line : lines("hostile/api-fields.txt")) {
			String[] columns = line.split(" \\| ", -1);
			String[] request = columns[0].trim().split(" ", 2);
			String field = columns[1].trim();
			String type = columns[2].trim();
			String valid = columns[3].trim();
			String template = columns[4].trim();
			String leaf = field.replaceAll(".*[.\\]]", "").replaceAll("\\[\\d+$", "");
			for (String value : WRONG.get(type)) {
				cases.add(new Case(request[1] + " " + field + " = " + value, request[0], request[1], Map.of(),
						template.replace("@@", value), Set.of(400), Set.of("invalid_request", "invalid_json"), field));
			}
			if (field.endsWith("]")) {
				continue; // a list element has no key to repeat and no sibling field
			}
			cases.add(new Case(request[1] + " " + field + " repeated", request[0], request[1], Map.of(),
					template.replace("@@", valid + ",\"" + leaf + "\":" + valid), Set.of(400), Set.of("invalid_json"),
					null));
			cases.add(new Case(request[1] + " " + field + " beside an unknown field", request[0], request[1], Map.of(),
					template.replace("@@", valid + ",\"zz_unknown\":1"), Set.of(400), Set.of("unknown_field"), null));
		}
		return cases.stream();
	}

	@BeforeEach
	void prepare() {
		synchronized (HostileApiCorpusTests.class) {
			if (fixture == null) {
				Refusals.awaitNoRunningJob(this.jdbc);
				fixture = createFixture(api());
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("handWritten")
	void handWrittenCaseIsRefusedCleanly(Case hostile) {
		refusedCleanly(hostile);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("generated")
	void everyFieldRefusesTheWrongType(Case hostile) {
		String message = refusedCleanly(hostile);
		if (hostile.field() != null) {
			assertThat(message).as("the message names the field").contains(hostile.field());
		}
	}

	@Test
	void theCorpusIsAsLargeAsTheIssueAsks() {
		assertThat(handWritten().count() + generated().count()).isGreaterThanOrEqualTo(300);
	}

	@Test
	void aDateTimeInRangeIsStoredAndReturnedExactly() {
		Api api = api();
		String token = api.token(ACCOUNT, Scopes.WRITE);
		assertThat(api.post(BASE + "/cards/batch", token, "{\"cards\":[{\"card_id\":\"exact-dates\"}]}").status())
			.isEqualTo(200);
		Api.Response activated = api.post(BASE + "/cards/exact-dates/activate", token,
				"{\"amount\":100,\"currency\":\"NOK\",\"active_from\":\"1970-01-01T00:00:00Z\",\"expires_at\":\"9999-12-30T23:59:59.999999Z\"}");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		JsonNode card = api.get(BASE + "/cards/exact-dates", token).json();
		assertThat(card.get("active_from").asString()).isEqualTo("1970-01-01T00:00:00Z");
		assertThat(card.get("expires_at").asString()).isEqualTo("9999-12-30T23:59:59.999999Z");
	}

	private String refusedCleanly(Case hostile) {
		Refusals.Snapshot before = Refusals.Snapshot.take(this.jdbc, DATA_DIR);
		RawHttp.Response response = send(hostile);
		assertThat(response.status()).as(hostile.name() + ": " + response.body()).isIn(hostile.statuses());
		String message = Refusals.assertErrorShape(response.status(), response.header("content-type"), response.body(),
				hostile.codes(), hostile.name());
		String noEcho = hostile.options().get("noecho");
		if (noEcho != null) {
			assertThat(response.body()).as("a path segment is never echoed").doesNotContain(noEcho);
		}
		if (response.status() == 429) {
			assertThat(response.header("retry-after")).isNotNull();
		}
		before.assertUnchanged(Refusals.Snapshot.take(this.jdbc, DATA_DIR), hostile.name());
		return message;
	}

	private RawHttp.Response send(Case hostile) {
		Api api = api();
		Map<String, String> headers = new LinkedHashMap<>();
		String scope = hostile.options().getOrDefault("scope", "write");
		String account = hostile.options().getOrDefault("account", ACCOUNT);
		if (!scope.equals("none")) {
			headers.put("Authorization", "Bearer " + api.token(account, switch (scope) {
				case "read" -> Scopes.READ;
				case "admin" -> Scopes.ADMIN;
				default -> Scopes.WRITE;
			}));
		}
		if (hostile.options().containsKey("accept")) {
			headers.put("Accept", expand(hostile.options().get("accept")));
		}
		byte[] body = (hostile.body() != null) ? bytes(expand(placeholders(hostile.body()))) : null;
		String contentType = hostile.options().getOrDefault("ctype", "application/json");
		if (body != null && !contentType.equals("none")) {
			headers.put("Content-Type", contentType);
		}
		String target = expand(placeholders(hostile.target().replace("~", BASE)));
		return new RawHttp(this.port).send(hostile.method(), target, headers, body);
	}

	private static String placeholders(String text) {
		return text.replace("{inactive}", fixture.inactive())
			.replace("{active}", fixture.active())
			.replace("{token}", fixture.token())
			.replace("{pin}", fixture.pin())
			.replace("{pending}", fixture.pending());
	}

	private static Fixture createFixture(Api api) {
		String token = api.token(ACCOUNT, Scopes.WRITE);
		Api.Response inactive = api.post(BASE + "/cards/batch", token, "{\"cards\":[{\"card_id\":\"corpus-inactive\"}]}");
		assertThat(inactive.status()).as(inactive.body()).isEqualTo(200);
		Api.Response created = api.post(BASE + "/cards/batch", token,
				"{\"cards\":[{\"card_id\":\"corpus-active\"}],\"options\":{\"pin\":{\"format\":{\"length\":4}}}}");
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode card = created.json().get("cards").get(0);
		String cardToken = secret(card, "token");
		String pin = secret(card, "pin");
		Api.Response activated = api.post(BASE + "/cards/corpus-active/activate", token,
				"{\"amount\":1000,\"currency\":\"NOK\"}");
		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		Api.Response pending = api.post(BASE + "/transactions", token,
				"{\"type\":\"drawdown\",\"card_id\":\"corpus-active\",\"ref_id\":\"corpus-pending\",\"amount\":10,\"currency\":\"NOK\",\"pending\":true}");
		assertThat(pending.status()).as(pending.body()).isEqualTo(200);
		return new Fixture("corpus-inactive", "corpus-active", cardToken, pin, pending.json().get("id").asString());
	}

	/** The secret as the creating response shows it, wherever the card object puts its {@code value}. */
	private static String secret(JsonNode card, String name) {
		List<String> paths = name.equals("token")
				? List.of("/card_token/token/value", "/token/value", "/card_token/value", "/tokens/0/value")
				: List.of("/pin/pin/value", "/pin/value");
		for (String path : paths) {
			JsonNode value = card.at(path);
			if (value.isString()) {
				return value.asString();
			}
		}
		throw new IllegalStateException("no " + name + " value in " + card);
	}

	private static Map<String, String> options(String text) {
		Map<String, String> options = new LinkedHashMap<>();
		if (!text.equals("-")) {
			for (String option : text.split(",(?=[a-z]+=)")) {
				int eq = option.indexOf('=');
				options.put(option.substring(0, eq).trim(), option.substring(eq + 1).trim());
			}
		}
		return options;
	}

	private static Set<Integer> statuses(String text) {
		Set<Integer> statuses = new LinkedHashSet<>();
		Arrays.stream(text.split("/")).map(Integer::valueOf).forEach(statuses::add);
		return statuses;
	}

	static List<String> lines(String resource) {
		return HostileCorpus.lines(resource);
	}

	private static String expand(String text) {
		return HostileCorpus.expand(text);
	}

	private static byte[] bytes(String text) {
		return HostileCorpus.bytes(text);
	}

}
