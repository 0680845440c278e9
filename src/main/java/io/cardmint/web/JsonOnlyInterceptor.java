package io.cardmint.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The API speaks application/json only, and says so before a handler runs: a request whose
 * Accept excludes JSON gets 406 before anything is written (a batch create answered 406 after
 * committing its cards would lose their tokens and PINs for good), and a body that is not
 * {@code application/json} in UTF-8 gets 415.
 */
final class JsonOnlyInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod)) {
			return true;
		}
		if (!acceptsJson(request.getHeaders(HttpHeaders.ACCEPT))) {
			throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
		}
		if (hasBody(request) && !isJson(request.getContentType())) {
			throw new HttpMediaTypeNotSupportedException((MediaType) null, List.of(MediaType.APPLICATION_JSON));
		}
		return true;
	}

	static boolean acceptsJson(java.util.Enumeration<String> accept) {
		if (accept == null || !accept.hasMoreElements()) {
			return true;
		}
		try {
			while (accept.hasMoreElements()) {
				for (MediaType type : MediaType.parseMediaTypes(accept.nextElement())) {
					if (type.getQualityValue() > 0 && type.includes(MediaType.APPLICATION_JSON)) {
						return true;
					}
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return false;
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			Charset charset = type.getCharset();
			return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
					&& (charset == null || charset.equals(StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
