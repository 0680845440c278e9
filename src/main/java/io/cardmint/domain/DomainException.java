package io.cardmint.domain;

/**
 * A request the domain refuses for a reason the caller can act on. The domain names the
 * {@link Kind} of refusal and its code; only {@code io.cardmint.web} turns that into an HTTP
 * status. Messages are written for the caller and must never carry a token or PIN.
 */
public class DomainException extends RuntimeException {

	/** What kind of refusal this is; {@code web} maps each to one HTTP status. */
	public enum Kind {

		/** The request itself is wrong (400). */
		INVALID,
		/** The caller may not do this with what it sent, such as a wrong PIN (403). */
		FORBIDDEN,
		/** What the request names does not exist (404). */
		NOT_FOUND,
		/** The request is fine but the state of what it names refuses it (409). */
		CONFLICT

	}

	private final Kind kind;

	private final String code;

	public DomainException(Kind kind, String code, String message) {
		super(message);
		this.kind = kind;
		this.code = code;
	}

	public static DomainException invalid(String code, String message) {
		return new DomainException(Kind.INVALID, code, message);
	}

	public static DomainException forbidden(String code, String message) {
		return new DomainException(Kind.FORBIDDEN, code, message);
	}

	public static DomainException notFound(String code, String message) {
		return new DomainException(Kind.NOT_FOUND, code, message);
	}

	public static DomainException conflict(String code, String message) {
		return new DomainException(Kind.CONFLICT, code, message);
	}

	public Kind kind() {
		return this.kind;
	}

	public String code() {
		return this.code;
	}

	/** No stack trace: a refusal is an answer, not a failure, and is never logged as one. */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
