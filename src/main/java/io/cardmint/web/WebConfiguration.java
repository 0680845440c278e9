package io.cardmint.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every request of the API goes through before a controller sees it: size limits,
 * JSON-only content negotiation, the budget of failed token lookups; and Tomcat's own error
 * page replaced by the API's error shape.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({ ApiLimits.class, TokenLookupLimits.class })
class WebConfiguration implements WebMvcConfigurer {

	private final TokenLookupLimits lookupLimits;

	private final MeterRegistry meters;

	WebConfiguration(TokenLookupLimits lookupLimits, MeterRegistry meters) {
		this.lookupLimits = lookupLimits;
		this.meters = meters;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new JsonOnlyInterceptor()).addPathPatterns("/v1/**");
		registry.addInterceptor(new TokenLookupLimiter(this.lookupLimits, this.meters)).addPathPatterns("/v1/**");
	}

	@Bean
	FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(ApiLimits limits) {
		FilterRegistrationBean<RequestLimitsFilter> registration = new FilterRegistrationBean<>(
				new RequestLimitsFilter(limits));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Runs after Boot's own Tomcat customizer, which adds a plain {@link ErrorReportValve}: that
	 * one is taken out again, ours put in its place, and the host told to use ours, so it does
	 * not add its default when it starts.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
		return new WebServerFactoryCustomizer<>() {

			@Override
			public void customize(TomcatServletWebServerFactory factory) {
				factory.addContextCustomizers((context) -> {
					Host host = (Host) context.getParent();
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
							host.getPipeline().removeValve(valve);
						}
					}
					if (host instanceof StandardHost standard) {
						standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
					}
					host.getPipeline().addValve(new JsonErrorReportValve());
				});
			}

		};
	}

}
