package io.cardmint.web;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * The limits of every {@code metadata} object a request carries (activation, card creation,
 * transactions, capture, void, temporary tokens — any request record with a {@code metadata}
 * component, at any depth): at most {@link #MAX_KEYS} keys, each 1 to {@link #MAX_KEY_LENGTH}
 * printable characters, and at most {@link #MAX_BYTES} bytes as JSON (UTF-8). Values may be
 * any JSON; nesting is bounded by the parser for the whole body. Checked right after the body
 * is read, before any endpoint runs, so no endpoint can forget it.
 */
@ControllerAdvice
final class MetadataLimits extends RequestBodyAdviceAdapter {

	static final int MAX_KEYS = 50;

	static final int MAX_KEY_LENGTH = 40;

	static final int MAX_BYTES = 8192;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Records are nested a few levels at most; deeper is not a request of ours. */
	private static final int MAX_RECORD_DEPTH = 4;

	/**
	 * A request record's components, their accessors made accessible and their wire names, worked
	 * out once per class: reflection and the snake-case conversion on every request were a
	 * measurable part of a drawdown's server time.
	 */
	private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
		@Override
		protected List<Component> computeValue(Class<?> type) {
			List<Component> components = new ArrayList<>();
			for (RecordComponent component : type.getRecordComponents()) {
				Method accessor = component.getAccessor();
				try {
					// request records are package-private in their feature packages
					accessor.setAccessible(true);
				}
				catch (RuntimeException ex) {
					continue;
				}
				components.add(new Component(accessor, ApiErrorHandler.toSnakeCase(component.getName()),
						component.getName().equals("metadata")));
			}
			return List.copyOf(components);
		}
	};

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		check(body, "", 0);
		return body;
	}

	private static void check(Object value, String path, int depth) {
		if (value == null || !value.getClass().isRecord() || depth > MAX_RECORD_DEPTH) {
			return;
		}
		for (Component component : COMPONENTS.get(value.getClass())) {
			Object child;
			try {
				child = component.accessor().invoke(value);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				continue;
			}
			if (component.metadata() && child instanceof Map<?, ?> metadata) {
				String problem = problem(metadata);
				if (problem != null) {
					throw ApiException.badRequest("invalid_request", path + component.name() + " " + problem);
				}
			}
			else if (child instanceof Iterable<?> items) {
				int i = 0;
				for (Object item : items) {
					check(item, path + component.name() + "[" + i++ + "].", depth + 1);
				}
			}
			else if (child != null && child.getClass().isRecord()) {
				check(child, path + component.name() + ".", depth + 1);
			}
		}
	}

	private record Component(Method accessor, String name, boolean metadata) {
	}

	/** Null when {@code metadata} is within the limits, otherwise what is wrong, for a message. */
	static String problem(Map<?, ?> metadata) {
		if (metadata.size() > MAX_KEYS) {
			return "must have at most " + MAX_KEYS + " keys";
		}
		for (Object key : metadata.keySet()) {
			String text = String.valueOf(key);
			if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_KEY_LENGTH
					|| text.codePoints().anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
				return "keys must be 1 to " + MAX_KEY_LENGTH + " printable characters";
			}
		}
		if (JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "must be at most " + MAX_BYTES + " bytes as JSON";
		}
		return null;
	}

}
