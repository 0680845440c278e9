package io.cardmint.web;

/** The one error shape of the API: {@code {"error": {"code": "…", "message": "…"}}}. */
public record ErrorBody(Error error) {

	public record Error(String code, String message) {
	}

	public static ErrorBody of(String code, String message) {
		return new ErrorBody(new Error(code, message));
	}

}
