package io.cardmint.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what is too large before anything reads it: a path and query longer than
 * {@link #MAX_URI_LENGTH} (414), and a body larger than the endpoint takes (413) — at once by
 * its Content-Length, or while it is read when it comes chunked. Tomcat is told to accept
 * request lines up to {@code server.max-http-request-header-size} so that a long path reaches
 * this filter and gets its 414 here, in the API's error shape.
 */
final class RequestLimitsFilter extends OncePerRequestFilter {

	static final int MAX_URI_LENGTH = 4096;

	private final ApiLimits limits;

	RequestLimitsFilter(ApiLimits limits) {
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		int uriLength = request.getRequestURI().length() + ((query != null) ? query.length() + 1 : 0);
		if (uriLength > MAX_URI_LENGTH) {
			StatusErrors.write(response, 414, StatusErrors.of(414));
			return;
		}
		long max = this.limits.maxBodyBytes(request.getRequestURI());
		if (request.getContentLengthLong() > max) {
			StatusErrors.write(response, 413, tooLarge(max));
			return;
		}
		chain.doFilter(new Limited(request, max), response);
	}

	static ErrorBody tooLarge(long max) {
		return ErrorBody.of("body_too_large", "the request body is larger than the " + max + " bytes this endpoint takes");
	}

	/** Thrown while reading a body that turns out larger than allowed; mapped to 413. */
	static final class BodyTooLargeException extends IOException {

		final long max;

		BodyTooLargeException(long max) {
			super("request body larger than " + max + " bytes");
			this.max = max;
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long max;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.max);
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long max;

		private long read;

		Counting(ServletInputStream in, long max) {
			this.in = in;
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.max) {
				throw new BodyTooLargeException(this.max);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
