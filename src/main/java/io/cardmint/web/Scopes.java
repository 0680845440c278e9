package io.cardmint.web;

import java.util.List;

/** The wallet API's OAuth2 scopes; a token carries them in its {@code scope} claim. */
public final class Scopes {

	public static final String ADMIN = "admin:wallets";

	public static final String WRITE = "write:wallets";

	public static final String READ = "read:wallets";

	public static final List<String> ALL = List.of(ADMIN, WRITE, READ);

	static final List<String> WRITERS = List.of(ADMIN, WRITE);

	static final List<String> READERS = List.of(ADMIN, WRITE, READ);

	private Scopes() {
	}

}
