package io.cardmint.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cardmint.api.limits.*}: the largest request bodies the API reads. A manifest posted
 * to {@code …/cards/batch-orders} may list 10,000,000 cards and has its own, larger limit;
 * it is streamed to a file, never held in memory.
 */
@ConfigurationProperties("cardmint.api.limits")
record ApiLimits(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("1GB") DataSize maxManifestSize) {

	long maxBodyBytes(String path) {
		return path.endsWith("/cards/batch-orders") ? this.maxManifestSize.toBytes() : this.maxBodySize.toBytes();
	}

}
