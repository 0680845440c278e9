package io.cardmint.inbox;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cardmint.inbox.*}: where manifests are dropped ({@code dir}, default
 * {@code ./jobs/inbox}) and when it is polled ({@code cron}, default every 30 s).
 *
 * @param settleTime a file whose last write is older than this counts as complete, even if it
 * was not seen at an earlier poll (default 5 s)
 * @param staleAfter a file left in {@code processing/} this long by a process that is gone, its
 * order not leased by anyone, is taken over (default 2 min)
 */
@ConfigurationProperties("cardmint.inbox")
record InboxProperties(Path dir, String cron, Duration settleTime, Duration staleAfter) {

	InboxProperties {
		dir = (dir != null) ? dir : Path.of("jobs", "inbox");
		settleTime = (settleTime != null) ? settleTime : Duration.ofSeconds(5);
		staleAfter = (staleAfter != null) ? staleAfter : Duration.ofMinutes(2);
	}

}
