package io.cardmint.web;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Schemas as the wire shows them. The application's JSON is written by Jackson 3 with
 * {@code spring.jackson.property-naming-strategy=SNAKE_CASE}; springdoc's schema generation
 * runs on Jackson 2 and never sees that setting, so it gets a snake_case mapper of its own.
 * Explicit names ({@code @JsonProperty}) still win, as they do on the wire.
 *
 * <p>Two more rules the wire follows and swagger-core does not infer: a primitive record
 * component ({@code long}, {@code boolean}) is always written, so it is required; and a
 * Jackson 3 {@code JsonNode} is free-form JSON, not a bean with getters.
 */
final class SnakeCaseModelResolver extends ModelResolver {

	SnakeCaseModelResolver() {
		super(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	@Override
	public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		JavaType javaType = _mapper.constructType(type.getType());
		if (javaType != null && tools.jackson.databind.JsonNode.class.isAssignableFrom(javaType.getRawClass())) {
			return new ObjectSchema().description("any JSON object");
		}
		return super.resolve(type, context, chain);
	}

	@Override
	protected io.swagger.v3.oas.annotations.media.Schema.RequiredMode resolveRequiredMode(
			io.swagger.v3.oas.annotations.media.Schema schema, JavaType type) {
		io.swagger.v3.oas.annotations.media.Schema.RequiredMode mode = super.resolveRequiredMode(schema, type);
		if (mode == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.AUTO && type != null && type.isPrimitive()) {
			return io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;
		}
		return mode;
	}

}
