package io.cardmint.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, with the two exceptions that the id rule
 * ({@link io.cardmint.domain.Ids}) needs: an id may hold {@code %} and {@code ;}, so a path
 * may carry them percent-encoded ({@code %25}, {@code %3B}). Everything else stays refused:
 * encoded {@code /} and {@code \}, NUL, line breaks, {@code ..} and the rest.
 */
@Configuration(proxyBeanMethods = false)
class PathFirewall {

	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setAllowSemicolon(true);
		return firewall;
	}

}
