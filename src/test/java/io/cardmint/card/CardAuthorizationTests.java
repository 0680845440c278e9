package io.cardmint.card;

import io.cardmint.support.Api;
import io.cardmint.support.MariaDbApplicationTest;
import io.cardmint.web.Scopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The 401/403 matrix across accounts and scopes. */
class CardAuthorizationTests extends MariaDbApplicationTest {

	private static final String OWNER = "T40000001";

	private static final String OTHER = "P40000002";

	@BeforeEach
	void ownerHasACard() {
		Api api = api();
		api.post("/v1/accounts/" + OWNER + "/wallets/cards/batch", api.token(OWNER, Scopes.ADMIN),
				SeedRequests.batchOf("auth-1"));
	}

	@ParameterizedTest(name = "{0} {1} with {2} of {3} -> {4}")
	@CsvSource(textBlock = """
			GET,  /cards/auth-1,          read:wallets,  T40000001, 200
			GET,  /cards/auth-1,          write:wallets, T40000001, 200
			GET,  /cards/auth-1,          admin:wallets, T40000001, 200
			GET,  /cards,                 read:wallets,  T40000001, 200
			POST, /cards/batch,           read:wallets,  T40000001, 403
			POST, /cards/batch,           write:wallets, T40000001, 200
			POST, /cards/batch,           admin:wallets, T40000001, 200
			POST, /cards/auth-1/activate, read:wallets,  T40000001, 403
			GET,  /cards/auth-1,          admin:wallets, P40000002, 403
			GET,  /cards/no-such-card,    admin:wallets, P40000002, 403
			POST, /cards/batch,           admin:wallets, P40000002, 403
			POST, /cards/auth-1/activate, admin:wallets, P40000002, 403
			GET,  /cards/auth-1,          openid,        T40000001, 403
			""")
	void scopesAndAccountsDecide(String method, String path, String scope, String tokenAccount, int status) {
		Api api = api();
		String token = api.token(tokenAccount, scope);
		String url = "/v1/accounts/" + OWNER + "/wallets" + path;
		Api.Response response = method.equals("GET") ? api.get(url, token)
				: api.post(url, token, path.endsWith("batch") ? SeedRequests.batchOf("auth-" + System.nanoTime())
						: "{\"amount\":1,\"currency\":\"NOK\"}");
		if (status == 200) {
			assertThat(response.status()).as(response.body()).isEqualTo(200);
		}
		else {
			assertThat(response.status()).as(response.body()).isEqualTo(status);
			assertThat(response.errorCode()).isEqualTo("forbidden");
			assertThat(response.body()).doesNotContain("auth-1\"").doesNotContain("inactive");
		}
	}

	@Test
	void missingOrBadTokensAreUnauthorized() {
		Api api = api();
		String url = "/v1/accounts/" + OWNER + "/wallets/cards/auth-1";
		Api.Response none = api.get(url, null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.errorCode()).isEqualTo("unauthorized");
		assertThat(api.get(url, "not-a-jwt").status()).isEqualTo(401);
		String good = api.token(OWNER, Scopes.READ);
		String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertThat(api.get(url, tampered).status()).isEqualTo(401);
		Api foreign = new Api(this.port, createForeignIssuerDir());
		assertThat(api.get(url, foreign.token(OWNER, Scopes.ADMIN)).status()).as("signed by another key")
			.isEqualTo(401);
	}

	private static java.nio.file.Path createForeignIssuerDir() {
		try {
			return java.nio.file.Files.createTempDirectory("foreign-issuer-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
