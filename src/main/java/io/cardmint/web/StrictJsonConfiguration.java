package io.cardmint.web;

import java.time.Instant;
import java.util.List;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * Strict JSON for everything cardmint reads, API bodies and order manifests alike (they share
 * this mapper): no coercion between strings, numbers, booleans and fractions, duplicate keys
 * and unknown fields refused, bounded nesting, strings and numbers, and date-times only in
 * the range the database stores exactly ({@link DateTimes}).
 *
 * <p>Boot builds its mapper from {@code JsonMapper.builder()}, whose token factory cannot be
 * changed afterwards; this builder starts from a factory with our limits and then applies
 * Boot's customizers (naming strategy, inclusion) as Boot would.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	/** Objects and lists nested deeper than this are refused. */
	static final int MAX_NESTING_DEPTH = 32;

	/** Characters in any one JSON string. Fields have their own, smaller limits. */
	static final int MAX_STRING_LENGTH = 65_536;

	/** Characters in a field name. */
	static final int MAX_NAME_LENGTH = 256;

	/** Digits in a number: a long has 19. */
	static final int MAX_NUMBER_LENGTH = 64;

	@Bean
	@Scope("prototype")
	JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
		JsonMapper.Builder builder = JsonMapper.builder(factory());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return strict(builder);
	}

	static JsonFactory factory() {
		return JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxStringLength(MAX_STRING_LENGTH)
				.maxNameLength(MAX_NAME_LENGTH)
				.maxNumberLength(MAX_NUMBER_LENGTH)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
	}

	static JsonMapper.Builder strict(JsonMapper.Builder builder) {
		builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
				DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
					DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
					DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
					DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
		List<CoercionInputShape> scalars = List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
				CoercionInputShape.EmptyArray, CoercionInputShape.EmptyObject, CoercionInputShape.Array,
				CoercionInputShape.Object);
		for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
				LogicalType.Boolean, LogicalType.DateTime, LogicalType.Enum)) {
			builder.withCoercionConfig(type, (config) -> {
				for (CoercionInputShape shape : scalars) {
					if (!natural(type, shape)) {
						config.setCoercion(shape, CoercionAction.Fail);
					}
				}
				config.setAcceptBlankAsEmpty(false);
			});
		}
		return builder.addModule(new SimpleModule("cardmint-strict").addDeserializer(Instant.class,
				new DateTimes.StrictInstantDeserializer()));
	}

	/** The one JSON shape each kind of value is written in. */
	private static boolean natural(LogicalType type, CoercionInputShape shape) {
		return switch (type) {
			case Textual, DateTime, Enum -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
			case Integer -> shape == CoercionInputShape.Integer;
			case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
			case Boolean -> shape == CoercionInputShape.Boolean;
			default -> true;
		};
	}

}
