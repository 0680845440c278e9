package io.cardmint.order;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cardmint.support.Api;
import io.cardmint.support.HostileCorpus;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.support.RawHttp;
import io.cardmint.support.Refusals;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The manifest part of the hostile-input corpus (issue 9), through {@code POST
 * …/cards/batch-orders} on MariaDB — the same intake as {@code cardmint order} and the inbox
 * (the CLI's exit code 2 is checked by {@code RejectedManifestExitCodeTests}): each manifest is
 * refused with its error code and a message naming the field or line, in the JSON error shape,
 * and leaves no row and no file behind. Hand-written manifests in
 * {@code hostile/manifest-cases.txt}; generated ones from {@code hostile/manifest-fields.txt}.
 */
class HostileManifestCorpusTests extends MariaDbApplicationTest {

	static final String ACCOUNT = "T70000001";

	static final String ORDERS = "/v1/accounts/" + ACCOUNT + "/wallets/cards/batch-orders";

	static final Map<String, List<String>> WRONG = Map.of(
			"string", List.of("5", "1.5", "true", "{}", "[]", "null"),
			"integer", List.of("\"3\"", "1.5", "true", "{}", "[]", "1e2", "99999999999999999999", "1.0", "null"),
			"boolean", List.of("\"true\"", "1", "0", "{}", "[]", "\"yes\""),
			"object", List.of("\"x\"", "1", "[]", "true"),
			"list", List.of("\"x\"", "{}", "1", "true"));

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	record Case(String name, String code, String mentions, String manifest) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Case> handWritten() {
		List<Case> cases = new ArrayList<>();
		for (String line : lines("hostile/manifest-cases.txt")) {
			String[] columns = line.split(" \\|(?: |$)", 4);
			cases.add(new Case(columns[0].trim(), columns[1].trim(), columns[2].trim(),
					(columns.length > 3) ? columns[3].trim() : ""));
		}
		return cases.stream();
	}

	static Stream<Case> generated() {
		List<Case> cases = new ArrayList<>();
		for (String line : lines("hostile/manifest-fields.txt")) {
			String[] columns = line.split(" \\| ", -1);
			String field = columns[0].trim();
			String type = columns[1].trim();
			String valid = columns[2].trim();
			String template = columns[3].trim();
			String leaf = field.replaceAll(".*[.\\]]", "");
			for (String value : WRONG.get(type)) {
				if (value.equals("null") && !Set.of("order_ref", "account_id", "manufacturer", "count").contains(field)) {
					continue; // null is "absent" for an optional field
				}
				cases.add(new Case(field + " = " + value, "invalid_manifest", field.replaceAll("\\[0]$", "[0]"),
						template.replace("@@", value)));
			}
			if (field.endsWith("]")) {
				continue;
			}
			cases.add(new Case(field + " repeated", "invalid_manifest", leaf,
					template.replace("@@", valid + ",\"" + leaf + "\":" + valid)));
			cases.add(new Case(field + " beside an unknown field", "invalid_manifest", "zz_unknown",
					template.replace("@@", valid + ",\"zz_unknown\":1")));
		}
		return cases.stream();
	}

	/** The templates themselves are good manifests: each refusal is the hostile value's doing. */
	@Test
	void everyTemplateWithItsValidValueIsAccepted() {
		for (String line : lines("hostile/manifest-fields.txt")) {
			String[] columns = line.split(" \\| ", -1);
			String manifest = columns[3].trim().replace("@@", columns[2].trim());
			assertThatNoException().as(manifest)
				.isThrownBy(() -> new ManifestReader(this.json).read(
						new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)), (card) -> {
						}));
		}
	}

	@Test
	void theCorpusHasAtLeastOneHundredManifests() {
		assertThat(handWritten().count() + generated().count()).isGreaterThanOrEqualTo(100);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("handWritten")
	void handWrittenManifestIsRefusedCleanly(Case hostile) {
		refusedCleanly(hostile);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("generated")
	void everyManifestFieldRefusesTheWrongType(Case hostile) {
		refusedCleanly(hostile);
	}

	private void refusedCleanly(Case hostile) {
		Refusals.awaitNoRunningJob(this.jdbc);
		Refusals.Snapshot before = Refusals.Snapshot.take(this.jdbc, DATA_DIR);
		Api api = api();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + api.token(ACCOUNT, Scopes.WRITE));
		headers.put("Content-Type", "application/json");
		RawHttp.Response response = new RawHttp(this.port).send("POST", ORDERS, headers, bytes(hostile.manifest()));
		int expected = switch (hostile.code()) {
			case "forbidden" -> 403;
			case "order_exists" -> 409;
			default -> 400;
		};
		assertThat(response.status()).as(hostile.name() + ": " + response.body()).isEqualTo(expected);
		String message = Refusals.assertErrorShape(response.status(), response.header("content-type"),
				response.body(), Set.of(hostile.code()), hostile.name());
		assertThat(message).as(hostile.name() + ": names the field or line").contains(hostile.mentions());
		before.assertUnchanged(Refusals.Snapshot.take(this.jdbc, DATA_DIR), hostile.name());
	}

	static byte[] bytes(String text) {
		return HostileCorpus.bytes(HostileCorpus.expand(text));
	}

	static List<String> lines(String resource) {
		return HostileCorpus.lines(resource);
	}

}
