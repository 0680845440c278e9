package io.cardmint.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Ordinary percent-encoding of one path segment (RFC 3986), as any HTTP client does it. */
public final class Paths {

	private Paths() {
	}

	public static String segment(String value) {
		// URLEncoder encodes for forms: a space becomes '+', which a path reads as '+'.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
