package io.cardmint.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cardmint.web.DevTokenIssuer;
import io.cardmint.web.Scopes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Mints a bearer token from the local development issuer and prints it alone on stdout, so
 * that {@code TOKEN=$(java -jar target/cardmint.jar token --account T12345678)} works.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
		description = "Mint a bearer token from the local development issuer (off when an external issuer is configured).",
		exitCodeListHeading = CardmintCommand.EXIT_HEADING,
		exitCodeList = { CardmintCommand.EXIT_0, CardmintCommand.EXIT_2, CardmintCommand.EXIT_3 })
class TokenCommand implements ContextCommand {

	@Option(names = "--account", required = true, description = "account id, e.g. T12345678")
	String account;

	@Option(names = "--scope", description = "admin:wallets, write:wallets or read:wallets (repeatable; default write:wallets)")
	List<String> scopes;

	@Option(names = "--ttl", defaultValue = "1h", description = "lifetime, e.g. 30m, 1h, 7d (default 1h)")
	String ttl;

	@Option(names = "--subject", description = "who the token names (default dev:<account>)")
	String subject;

	@Override
	public int run(ConfigurableApplicationContext context) {
		if (!this.account.matches("^[PT]\\d{8}$")) {
			System.err.println("cardmint: --account must match ^[PT]\\d{8}$ (e.g. T12345678), not '" + this.account + "'");
			return CardmintCommand.REJECTED;
		}
		List<String> wanted = (this.scopes == null) ? List.of(Scopes.WRITE) : this.scopes;
		for (String scope : wanted) {
			if (!Scopes.ALL.contains(scope)) {
				System.err.println("cardmint: unknown scope '" + scope + "'; use " + Scopes.ALL);
				return CardmintCommand.REJECTED;
			}
		}
		Duration lifetime;
		try {
			lifetime = DurationStyle.detectAndParse(this.ttl);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("cardmint: --ttl '" + this.ttl + "' is not a duration such as 30m, 1h or 7d");
			return CardmintCommand.REJECTED;
		}
		if (!DevTokenIssuer.isEnabled(context.getEnvironment())) {
			System.err.println("cardmint: an external token issuer is configured (spring.security.oauth2.resourceserver.jwt.*); "
					+ "get tokens from it, the development issuer is off");
			return CardmintCommand.CONFIGURATION;
		}
		Path dataDir = Path.of(context.getEnvironment().getRequiredProperty("cardmint.data-dir"));
		String who = (this.subject != null) ? this.subject : "dev:" + this.account;
		System.out.println(DevTokenIssuer.loadOrCreate(dataDir).mint(who, this.account, wanted, lifetime));
		return CardmintCommand.OK;
	}

	/** Reads only the settings: no database, no job, nothing else to start. */
	@Override
	public SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(Settings.class).web(WebApplicationType.NONE);
	}

	@Configuration(proxyBeanMethods = false)
	static class Settings {

	}

}
