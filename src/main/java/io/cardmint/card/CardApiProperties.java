package io.cardmint.card;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code cardmint.api.*}: limits of the synchronous card API. */
@ConfigurationProperties("cardmint.api")
record CardApiProperties(@DefaultValue("1000") int maxBatchSize) {
}
