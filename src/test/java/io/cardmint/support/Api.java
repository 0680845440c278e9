package io.cardmint.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cardmint.web.DevTokenIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the running server: real HTTP, real bearer tokens from the dev issuer.
 * Every request and response is checked against the server's own OpenAPI document
 * ({@link Contract}); a test that sends a malformed request on purpose uses {@link #malformed()}.
 */
public final class Api {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	private final Path dataDir;

	private final boolean checkRequests;

	public Api(int port, Path dataDir) {
		this(port, dataDir, true);
	}

	private Api(int port, Path dataDir, boolean checkRequests) {
		this.port = port;
		this.dataDir = dataDir;
		this.checkRequests = checkRequests;
	}

	/**
	 * This client for requests that break the API's contract on purpose (invalid input, no
	 * token, a wrong media type, a path the API does not have): the request is not checked
	 * against the OpenAPI document, the response still is.
	 */
	public Api malformed() {
		return new Api(this.port, this.dataDir, false);
	}

	public String token(String account, String... scopes) {
		return DevTokenIssuer.loadOrCreate(this.dataDir)
			.mint("test:" + account, account, List.of(scopes), Duration.ofMinutes(10));
	}

	public Response post(String path, String token, String body) {
		return send(request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET());
	}

	public Response send(HttpRequest.Builder builder) {
		try {
			HttpRequest request = builder.build();
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			Contract.of(this.port).check(request, response, this.checkRequests);
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	public record Response(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String errorCode() {
			return json().path("error").path("code").asString();
		}

		public String errorMessage() {
			return json().path("error").path("message").asString();
		}

	}

}
